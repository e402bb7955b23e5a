package dev.apfa.faiss;

import dev.apfa.faiss.internal.FaissLibrary;
import dev.apfa.faiss.internal.FaissLibrary.Index;
import dev.apfa.faiss.internal.FaissLibrary.SearchParametersIVF;
import org.bytedeco.javacpp.FloatPointer;

import java.lang.ref.Cleaner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A FAISS inner-product index (flat or IVF-flat) owned by Java. Every argument is checked here
 * before a native call, so bad input is an {@link IllegalArgumentException} or
 * {@link IllegalStateException}, never a crash of the JVM. Searches run concurrently under a read
 * lock; {@code train}, {@code add} and {@code close} take the write lock, so writers are serialised
 * and {@link #close()} waits for in-flight searches before it frees the native memory. A
 * {@link Cleaner} frees an index that was never closed, as a safety net only.
 *
 * <p>Threads: a single-query search runs FAISS on one OpenMP thread in the calling thread (many
 * request threads each starting a full OpenMP team would oversubscribe the cores); a batch search
 * uses {@link #defaultThreads()} unless told otherwise.
 */
public final class FaissIndex implements AutoCloseable {

    /** Larger k makes no sense for retrieval and would let a caller allocate huge result arrays. */
    public static final int MAX_K = 4096;
    private static final long ADD_CHUNK_FLOATS = 1L << 24;
    private static final Cleaner CLEANER = Cleaner.create();
    private static final int DEFAULT_THREADS;

    static {
        FaissLibrary.load();
        DEFAULT_THREADS = Math.max(1, FaissLibrary.maxOmpThreads());
    }

    private final NativeHandle handle;
    private final Cleaner.Cleanable cleanable;
    private final IndexKind kind;
    private final int dimension;
    private final long nlist;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile boolean closed;

    private FaissIndex(Index index, IndexKind kind) {
        this.handle = new NativeHandle(index);
        this.cleanable = CLEANER.register(this, handle);
        this.kind = kind;
        this.dimension = index.d();
        this.nlist = kind == IndexKind.IVF_FLAT ? FaissLibrary.nlistOf(index) : 0;
    }

    /** An exact inner-product index of dimension {@code d} ({@code IndexIDMap} over {@code IndexFlatIP}, for ids). */
    public static FaissIndex flatIP(int d) {
        requireDimension(d);
        return new FaissIndex(FaissLibrary.newFlatIP(d), IndexKind.FLAT_IP);
    }

    /** An IVF-flat inner-product index with {@code nlist} lists; {@link #train} it before adding. */
    public static FaissIndex ivfFlatIP(int d, int nlist) {
        requireDimension(d);
        if (nlist <= 0) {
            throw new IllegalArgumentException("nlist must be positive, was " + nlist);
        }
        return new FaissIndex(FaissLibrary.newIvfFlatIP(d, nlist), IndexKind.IVF_FLAT);
    }

    /** Reads an index written by {@link #write(Path)} (or by FAISS itself, if flat IP or IVF-flat IP). */
    public static FaissIndex read(Path file) {
        if (file == null || !Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException("not a readable file: " + file);
        }
        Index index;
        try {
            index = FaissLibrary.readIndex(file.toAbsolutePath().toString(), 0);
        } catch (RuntimeException e) {
            throw new FaissException("cannot read index " + file.getFileName() + ": " + e.getMessage(), e);
        }
        int kind = FaissLibrary.kindOf(index);
        if (kind < 0 || FaissLibrary.metricOf(index) != 0) {
            FaissLibrary.deleteIndex(index);
            throw new FaissException("unsupported index type in " + file.getFileName());
        }
        return new FaissIndex(index, kind == 1 ? IndexKind.IVF_FLAT : IndexKind.FLAT_IP);
    }

    /** OpenMP threads a batch search uses by default (OMP_NUM_THREADS or the number of cores). */
    public static int defaultThreads() {
        return DEFAULT_THREADS;
    }

    public IndexKind kind() {
        return kind;
    }

    public int dimension() {
        return dimension;
    }

    /** Number of inverted lists; 0 for a flat index. */
    public long nlist() {
        return nlist;
    }

    public long ntotal() {
        return underReadLock(() -> handle.index.ntotal());
    }

    public boolean isTrained() {
        return underReadLock(() -> handle.index.isTrained());
    }

    /** Trains the IVF quantizer on {@code n} row-major vectors; needs at least nlist of them. */
    public void train(float[] vectors, int n) {
        if (kind != IndexKind.IVF_FLAT) {
            throw new IllegalStateException("only an IVF index is trained");
        }
        requireVectors(vectors, n);
        if (n < nlist) {
            throw new IllegalArgumentException("training needs at least nlist=" + nlist + " vectors, got " + n);
        }
        underWriteLock(() -> {
            handle.index.train(n, vectors);
            return null;
        });
    }

    /** Adds {@code ids.length} row-major vectors with their ids; large adds are staged natively in chunks. */
    public void add(float[] vectors, long[] ids) {
        if (ids == null || ids.length == 0) {
            throw new IllegalArgumentException("ids must not be empty");
        }
        int n = ids.length;
        requireVectors(vectors, n);
        underWriteLock(() -> {
            if (!handle.index.isTrained()) {
                throw new IllegalStateException("the index must be trained before vectors are added");
            }
            int chunk = (int) Math.max(1, ADD_CHUNK_FLOATS / dimension);
            if (n <= chunk) {
                handle.index.add_with_ids(n, vectors, ids);
                return null;
            }
            // One native staging buffer, filled chunk by chunk: one copy per vector, bounded memory.
            try (FloatPointer staging = new FloatPointer((long) chunk * dimension)) {
                for (int from = 0; from < n; from += chunk) {
                    int to = Math.min(n, from + chunk);
                    staging.position(0).put(vectors, from * dimension, (to - from) * dimension);
                    handle.index.add_with_ids(to - from, staging.position(0), Arrays.copyOfRange(ids, from, to));
                }
            }
            return null;
        });
    }

    /** The {@code k} best hits for one query, searched on one OpenMP thread. */
    public SearchResult search(float[] query, int k) {
        return search(query, k, 0);
    }

    /**
     * The {@code k} best hits for one query. {@code nprobe} (IVF only; 0 = the index default)
     * applies to this call only: a shared index is never mutated by a search.
     */
    public SearchResult search(float[] query, int k, int nprobe) {
        return search(query, 1, k, nprobe, 1)[0];
    }

    /** Batch search of {@code n} row-major queries on {@code threads} OpenMP threads (0 = default). */
    public SearchResult[] search(float[] queries, int n, int k, int nprobe, int threads) {
        requireVectors(queries, n);
        if (k <= 0 || k > MAX_K) {
            throw new IllegalArgumentException("k must be in 1.." + MAX_K + ", was " + k);
        }
        if (nprobe < 0 || (nprobe > 0 && kind != IndexKind.IVF_FLAT)) {
            throw new IllegalArgumentException("nprobe must be 0, or positive for an IVF index; was " + nprobe);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must not be negative");
        }
        long[] labels = new long[Math.multiplyExact(n, k)];
        float[] distances = new float[labels.length];
        underReadLock(() -> {
            FaissLibrary.setOmpThreads(threads == 0 ? DEFAULT_THREADS : threads);
            if (nprobe > 0) {
                try (SearchParametersIVF params = new SearchParametersIVF()) {
                    params.nprobe(Math.min(nprobe, nlist));
                    handle.index.search(n, queries, k, distances, labels, params);
                }
            } else {
                handle.index.search(n, queries, k, distances, labels, null);
            }
            return null;
        });
        SearchResult[] results = new SearchResult[n];
        for (int i = 0; i < n; i++) {
            results[i] = SearchResult.of(labels, distances, i * k, k);
        }
        return results;
    }

    /** Writes the index to {@code file} in FAISS's own format (readable by python faiss too). */
    public void write(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("file must not be null");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IllegalArgumentException("no such directory: " + parent);
        }
        underReadLock(() -> {
            try {
                FaissLibrary.writeIndex(handle.index, file.toAbsolutePath().toString());
            } catch (RuntimeException e) {
                throw new FaissException("cannot write index " + file.getFileName() + ": " + e.getMessage(), e);
            }
            return null;
        });
    }

    public boolean isClosed() {
        return closed;
    }

    /** Frees the native index after in-flight searches have finished; idempotent. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                cleanable.clean();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private <T> T underReadLock(NativeCall<T> call) {
        lock.readLock().lock();
        try {
            requireOpen();
            return call.run();
        } finally {
            lock.readLock().unlock();
        }
    }

    private <T> T underWriteLock(NativeCall<T> call) {
        lock.writeLock().lock();
        try {
            requireOpen();
            return call.run();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("index is closed");
        }
    }

    private void requireVectors(float[] vectors, int n) {
        if (vectors == null || n <= 0) {
            throw new IllegalArgumentException("at least one vector is needed");
        }
        if ((long) n * dimension != vectors.length) {
            throw new IllegalArgumentException("expected " + n + " vectors of dimension " + dimension
                    + " (" + (long) n * dimension + " floats), got " + vectors.length + " floats");
        }
        for (float value : vectors) {
            if (!Float.isFinite(value)) {
                throw new IllegalArgumentException("vectors must hold finite numbers only");
            }
        }
    }

    private static void requireDimension(int d) {
        if (d <= 0 || d > 65_536) {
            throw new IllegalArgumentException("dimension must be in 1..65536, was " + d);
        }
    }

    @FunctionalInterface
    private interface NativeCall<T> {
        T run();
    }

    /** Owns the native pointer; run once, by close() or by the Cleaner. Must not reference the FaissIndex. */
    private static final class NativeHandle implements Runnable {
        private final Index index;

        NativeHandle(Index index) {
            this.index = index;
        }

        @Override
        public void run() {
            FaissLibrary.deleteIndex(index);
        }
    }
}
