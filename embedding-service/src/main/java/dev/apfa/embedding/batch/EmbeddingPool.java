package dev.apfa.embedding.batch;

import dev.apfa.embedding.EmbeddingProperties;
import dev.apfa.embedding.model.OnnxEmbedder;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The batch workers of this instance: {@code workers} threads (one per core by default) that embed
 * documents one at a time, first come first served, whichever work item they belong to — the raw
 * benchmark's configuration (one text per call, ONNX intra-op 1, one thread per core). Work items
 * hand their documents in here, so every core keeps embedding while any item of the instance has
 * documents left: no core waits while an item's results are written or the next item is fetched,
 * and the last item of a batch is shared by all cores instead of finishing on one.
 */
@Component
class EmbeddingPool {

    /** One document's outcome: a vector, or why it could not be embedded. */
    record Result(float[] vector, String error) {
    }

    private final OnnxEmbedder embedder;
    private final ExecutorService workers;

    EmbeddingPool(OnnxEmbedder embedder, EmbeddingProperties properties) {
        this.embedder = embedder;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(properties.effectiveWorkers(), runnable -> {
            Thread thread = new Thread(runnable, "embed-worker-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Embeds {@code texts} on the workers and waits; results in the order of the texts. */
    List<Result> embedAll(List<String> texts) {
        List<CompletableFuture<float[]>> futures = new ArrayList<>(texts.size());
        for (String text : texts) {
            futures.add(CompletableFuture.supplyAsync(() -> embedder.embed(text), workers));
        }
        List<Result> results = new ArrayList<>(texts.size());
        for (CompletableFuture<float[]> future : futures) {
            try {
                results.add(new Result(future.join(), null));
            } catch (CompletionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                if (cause instanceof Error error) {
                    throw error;
                }
                results.add(new Result(null, cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()));
            }
        }
        return results;
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
