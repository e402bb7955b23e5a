import dev.apfa.faiss.FaissIndex;
import dev.apfa.faiss.SearchResult;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The Java side of the benchmark, through the project's binding (libs/faiss): the same steps and
 * settings as bench_python.py. Run by run.sh as a single-file program. Prints key=value lines.
 * Args: vectors-file d queries single nlist train-per-list [scale-only]
 */
public class FaissBench {

    static final int K = 10;

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int d = Integer.parseInt(args[1]);
        int nq = Integer.parseInt(args[2]);
        int single = Integer.parseInt(args[3]);
        int nlist = Integer.parseInt(args[4]);
        int trainPerList = Integer.parseInt(args[5]);
        boolean scaleOnly = args.length > 6 && args[6].equals("scale");
        // Load the JNI library (and OpenBLAS/OpenMP) before any timing, as python's import does.
        long load = System.nanoTime();
        FaissIndex.defaultThreads();
        out("java.library_load_s", (System.nanoTime() - load) / 1e9);
        float[] data = read(file);
        int n = data.length / d - nq;
        float[] base = Arrays.copyOf(data, n * d);
        float[] queries = Arrays.copyOfRange(data, n * d, (n + nq) * d);
        data = null;
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }

        SearchResult[] truth = null;
        if (!scaleOnly) {
            long t = System.nanoTime();
            try (FaissIndex flat = FaissIndex.flatIP(d)) {
                flat.add(base, ids);
                out("flat.build_s", (System.nanoTime() - t) / 1e9);
                t = System.nanoTime();
                long cpu = processCpu();
                truth = flat.search(queries, nq, K, 0, 0);
                out("flat.batch_ms", (System.nanoTime() - t) / 1e6);
                out("flat.batch_cpu_ms", (processCpu() - cpu) / 1e6);
                double[] lat = single(flat, queries, d, single, 0);
                out("flat.single_mean_ms", lat[0]);
                out("flat.single_p99_ms", lat[1]);
                out("flat.single_cpu_mean_ms", lat[2]);
            }
        }
        long t = System.nanoTime();
        try (FaissIndex ivf = FaissIndex.ivfFlatIP(d, nlist)) {
            int ntrain = (int) Math.min(n, (long) nlist * trainPerList);
            ivf.train(Arrays.copyOf(base, ntrain * d), ntrain);
            ivf.add(base, ids);
            out("ivf.build_s", (System.nanoTime() - t) / 1e9);
            if (truth != null) {
                for (int nprobe : new int[]{8, 16, 32, 64}) {
                    out("ivf.recall10_nprobe" + nprobe, recall(truth, ivf.search(queries, nq, K, nprobe, 0)));
                }
                t = System.nanoTime();
                long cpu = processCpu();
                ivf.search(queries, nq, K, 32, 0);
                out("ivf.batch_ms", (System.nanoTime() - t) / 1e6);
                out("ivf.batch_cpu_ms", (processCpu() - cpu) / 1e6);
            }
            double[] lat = single(ivf, queries, d, single, 32);
            out("ivf.single_mean_ms", lat[0]);
            out("ivf.single_p99_ms", lat[1]);
            out("ivf.single_cpu_mean_ms", lat[2]);
        }
    }

    /**
     * Single-query latency: one query per call on one OpenMP thread (as the service searches).
     * Returns wall mean, wall p99 and the mean CPU time of the calling thread, which is what the
     * comparison relies on when other processes share the cores (wall time then measures them too).
     */
    static double[] single(FaissIndex index, float[] queries, int d, int count, int nprobe) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] lat = new double[count];
        long cpu = 0;
        for (int i = 0; i < count; i++) {
            float[] q = Arrays.copyOfRange(queries, i * d, (i + 1) * d);
            long c = threads.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            index.search(q, K, nprobe);
            lat[i] = (System.nanoTime() - t) / 1e6;
            cpu += threads.getCurrentThreadCpuTime() - c;
        }
        double mean = Arrays.stream(lat).average().orElse(0);
        Arrays.sort(lat);
        return new double[]{mean, lat[(int) Math.min(count - 1, Math.ceil(0.99 * count) - 1)], cpu / 1e6 / count};
    }

    /** CPU time of the whole process (all OpenMP threads) in ns. */
    static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static double recall(SearchResult[] truth, SearchResult[] found) {
        long hits = 0;
        for (int q = 0; q < truth.length; q++) {
            Set<Long> expected = new HashSet<>();
            for (long id : truth[q].ids()) {
                expected.add(id);
            }
            for (long id : found[q].ids()) {
                if (expected.contains(id)) {
                    hits++;
                }
            }
        }
        return (double) hits / (truth.length * (long) K);
    }

    static float[] read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long floats = channel.size() / 4;
            float[] out = new float[Math.toIntExact(floats)];
            long position = 0;
            int offset = 0;
            while (offset < out.length) {
                long chunk = Math.min(channel.size() - position, 1L << 28);
                FloatBuffer buffer = channel.map(FileChannel.MapMode.READ_ONLY, position, chunk)
                        .order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
                int count = buffer.remaining();
                buffer.get(out, offset, count);
                offset += count;
                position += chunk;
            }
            return out;
        }
    }

    static void out(String key, double value) {
        System.out.println(key + "=" + value);
        System.out.flush();
    }
}
