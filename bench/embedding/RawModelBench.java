import dev.apfa.embedding.model.OnnxEmbedder;
import dev.apfa.lakehouse.Document;
import dev.apfa.lakehouse.SyntheticCorpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Raw model throughput: the embedder alone, no service around it, on W worker threads with ONNX
 * Runtime at T intra-op threads. Usage: RawModelBench <texts> <workers> <intraOpThreads>.
 * Prints "raw texts/s" so run-bench.sh can compute the end-to-end ratio.
 */
public class RawModelBench {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int workers = Integer.parseInt(args[1]);
        int intraOp = Integer.parseInt(args[2]);
        List<String> texts = new ArrayList<>();
        for (Document d : SyntheticCorpus.sample(n, 42)) {
            texts.add(d.embeddingText());
        }
        OnnxEmbedder embedder = new OnnxEmbedder(intraOp);
        for (int i = 0; i < Math.min(256, n); i++) {
            embedder.embed(texts.get(i)); // warm-up, as many texts as the end-to-end runs' warm-up batch
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        AtomicInteger next = new AtomicInteger();
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            futures.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    embedder.embed(texts.get(i));
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
        pool.shutdown();
        // CPU time as well as wall time: on a shared machine the wall figure depends on the neighbours,
        // texts per CPU-second does not.
        System.out.printf(Locale.ROOT, "raw model: %d texts, %d workers, intra-op %d: %.1f s, raw texts/s %.1f, cpu %.1f s, raw texts/cpu-s %.2f%n",
                n, workers, intraOp, seconds, n / seconds, cpuSeconds, n / cpuSeconds);
    }
}
