package dev.apfa.embedding.query;

import dev.apfa.embedding.EmbeddingProperties;
import dev.apfa.embedding.model.OnnxEmbedder;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Query embedding on its own small pool, apart from the batch workers (Kafka listener threads):
 * a long batch never makes a query wait in line behind documents. The queue is bounded; when it
 * is full the caller gets a 503 at once instead of a slow answer.
 */
@Component
class QueryEmbedder {

    private final OnnxEmbedder embedder;
    private final ThreadPoolExecutor pool;

    QueryEmbedder(OnnxEmbedder embedder, EmbeddingProperties properties) {
        this.embedder = embedder;
        this.pool = new ThreadPoolExecutor(properties.queryThreads(), properties.queryThreads(), 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(properties.queryQueue()), runnable -> {
                    Thread thread = new Thread(runnable, "query-embed");
                    thread.setDaemon(true);
                    thread.setPriority(Thread.NORM_PRIORITY + 1);
                    return thread;
                });
    }

    /** @throws RejectedExecutionException when the queue is full */
    CompletableFuture<float[]> embed(String text) {
        return CompletableFuture.supplyAsync(() -> embedder.embed(text), pool);
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
