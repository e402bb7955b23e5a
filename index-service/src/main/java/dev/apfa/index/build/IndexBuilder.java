package dev.apfa.index.build;

import dev.apfa.contracts.task.v1.IndexType;
import dev.apfa.faiss.FaissIndex;
import dev.apfa.index.IndexProperties;
import dev.apfa.index.source.SourceVectors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Turns source vectors into index files: IndexFlatIP up to {@code flat-max-vectors}, IndexIVFFlat
 * above (nlist ≈ factor·√N). FAISS labels are row positions; {@code ids.txt} maps them back to doc
 * ids (line i = label i). Recall@10 is measured on the file as written and read back, so the
 * figure describes exactly what gets published.
 */
public class IndexBuilder {

    /** FAISS warns below 39 training points per list; k-means cost grows with the sample, so cap it. */
    private static final int TRAINING_POINTS_PER_LIST = 64;

    private final IndexProperties properties;

    public IndexBuilder(IndexProperties properties) {
        this.properties = properties;
    }

    public IndexType typeFor(long vectors) {
        return vectors < properties.flatMaxVectors() ? IndexType.FLAT_IP : IndexType.IVF_FLAT;
    }

    public int nlistFor(long vectors) {
        int nlist = properties.nlist() > 0 ? properties.nlist()
                : (int) Math.round(properties.nlistFactor() * Math.sqrt(vectors));
        return (int) Math.max(1, Math.min(nlist, vectors));
    }

    public BuiltIndex build(SourceVectors source, Path workDir) {
        int n = source.size();
        int d = source.dimension();
        IndexType type = typeFor(n);
        Path indexFile = workDir.resolve(Manifest.INDEX_FILE);
        Path idsFile = workDir.resolve(Manifest.IDS_FILE);
        long[] labels = new long[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i;
        }
        int queryCount = properties.recallQueries();
        float[] queries = RecallMeter.heldOutQueries(source.vectors(), n, d, queryCount, source.version());
        Integer nlist = null;
        Integer nprobe = null;
        double recall;
        try (FaissIndex exact = FaissIndex.flatIP(d)) {
            exact.add(source.vectors(), labels);
            if (type == IndexType.FLAT_IP) {
                exact.write(indexFile);
            } else {
                nlist = nlistFor(n);
                nprobe = properties.nprobe();
                try (FaissIndex ivf = FaissIndex.ivfFlatIP(d, nlist)) {
                    float[] sample = trainingSample(source.vectors(), n, d, nlist, source.version());
                    ivf.train(sample, sample.length / d);
                    ivf.add(source.vectors(), labels);
                    ivf.write(indexFile);
                }
            }
            try (FaissIndex written = FaissIndex.read(indexFile)) {
                recall = RecallMeter.recallAt10(exact, written, queries, queryCount, nprobe == null ? 0 : nprobe);
            }
        }
        writeIds(source, idsFile);
        return new BuiltIndex(type, nlist, nprobe, n, d, recall, queryCount, indexFile, idsFile);
    }

    private static float[] trainingSample(float[] vectors, int n, int d, int nlist, long seed) {
        int size = (int) Math.min(n, (long) nlist * TRAINING_POINTS_PER_LIST);
        if (size == n) {
            return vectors;
        }
        // Partial Fisher-Yates over row numbers: a uniform sample without replacement.
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        Random random = new Random(seed);
        float[] sample = new float[size * d];
        for (int i = 0; i < size; i++) {
            int j = i + random.nextInt(n - i);
            int row = rows[j];
            rows[j] = rows[i];
            System.arraycopy(vectors, row * d, sample, i * d, d);
        }
        return sample;
    }

    private static void writeIds(SourceVectors source, Path idsFile) {
        for (String id : source.docIds()) {
            if (id == null || id.isEmpty() || id.indexOf('\n') >= 0 || id.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("doc ids must be non-empty single-line strings");
            }
        }
        try {
            Files.write(idsFile, source.docIds());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
