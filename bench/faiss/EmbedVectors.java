import dev.apfa.embedding.model.OnnxEmbedder;
import dev.apfa.lakehouse.Document;
import dev.apfa.lakehouse.KnowledgeCorpus;
import dev.apfa.lakehouse.SyntheticCorpus;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real MiniLM embeddings for the FAISS benchmark, computed with embedding-service's own embedder
 * (fp32 all-MiniLM-L6-v2, as batches embed): raw little-endian float32 rows, the format run.sh's
 * --vectors takes. Rows: N synthetic passages, then the shipped corpus (321 passages), then the
 * queries: the questions of a retrieval set (user phrasing) followed by held-out synthetic passages,
 * Q in all. Usage: EmbedVectors <synthetic N> <queries Q> <questions.jsonl> <out> [workers]
 */
public class EmbedVectors {
    public static void main(String[] args) throws Exception {
        int synthetic = Integer.parseInt(args[0]);
        int queries = Integer.parseInt(args[1]);
        List<String> questions = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[2]))) {
            int at = line.indexOf("\"question\": \"");
            if (at >= 0) {
                int start = at + 13;
                questions.add(line.substring(start, line.indexOf('"', start)));
            }
        }
        int workers = args.length > 4 ? Integer.parseInt(args[4]) : Runtime.getRuntime().availableProcessors();
        List<Document> generated = SyntheticCorpus.sample(synthetic + queries, 7);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < synthetic; i++) {
            texts.add(generated.get(i).embeddingText());
        }
        for (Document d : KnowledgeCorpus.load()) {
            texts.add(d.embeddingText());
        }
        int base = texts.size();
        texts.addAll(questions.subList(0, Math.min(questions.size(), queries)));
        for (int i = synthetic; texts.size() < base + queries; i++) {
            texts.add(generated.get(i).embeddingText());
        }
        OnnxEmbedder embedder = new OnnxEmbedder(1);
        float[][] vectors = new float[texts.size()][];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            futures.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < texts.size(); i = next.getAndIncrement()) {
                    vectors[i] = embedder.embed(texts.get(i));
                    int d = done.incrementAndGet();
                    if (d % 5000 == 0) {
                        System.err.printf(Locale.ROOT, "%d/%d embedded, %.0f texts/s%n", d, texts.size(),
                                d / ((System.nanoTime() - start) / 1e9));
                    }
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        ByteBuffer row = ByteBuffer.allocate(OnnxEmbedder.DIMENSIONS * 4).order(ByteOrder.LITTLE_ENDIAN);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(args[3]), 1 << 20))) {
            for (float[] v : vectors) {
                row.clear();
                row.asFloatBuffer().put(v);
                out.write(row.array());
            }
        }
        System.out.printf(Locale.ROOT, "wrote %d rows (%d base = %d synthetic + corpus, %d queries of which %d questions) to %s in %.0f s%n",
                texts.size(), base, synthetic, queries, Math.min(questions.size(), queries), args[3], (System.nanoTime() - start) / 1e9);
    }
}
