package dev.apfa.embedding.batch;

import dev.apfa.contracts.EventEnvelope;
import dev.apfa.contracts.EventTypes;
import dev.apfa.contracts.Topic;
import dev.apfa.contracts.progress.v1.BatchProgress;
import dev.apfa.contracts.task.v1.BatchCompleted;
import dev.apfa.contracts.task.v1.BatchFailed;
import dev.apfa.contracts.task.v1.BatchQueued;
import dev.apfa.contracts.task.v1.BatchStarted;
import dev.apfa.embedding.EmbeddingProperties;
import dev.apfa.lakehouse.Lakehouse;
import dev.apfa.messaging.EventPublisher;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The batch's public events: {@code task-events} (queued, started, completed, failed) and
 * throttled {@code batch-progress} (at most one per {@code progress-interval} per batch and
 * instance; counts are cumulative, so a skipped snapshot loses nothing).
 */
@Component
public class BatchEvents {

    static final String SERVICE = "embedding-service";

    private final EventPublisher publisher;
    private final BatchRepository batches;
    private final Duration interval;
    private final Clock clock;
    private final Map<UUID, Instant> lastProgress = new ConcurrentHashMap<>();

    BatchEvents(EventPublisher publisher, BatchRepository batches, EmbeddingProperties properties) {
        this.publisher = publisher;
        this.batches = batches;
        this.interval = properties.progressInterval();
        this.clock = Clock.systemUTC();
    }

    void queued(Batch batch, long total, int workItems) {
        send(Topic.TASK_EVENTS, EventTypes.BATCH_QUEUED, batch.id(), new BatchQueued(batch.id().toString(), batch.sourceTable(),
                batch.sourceVersion(), total, workItems, batch.model(), batch.createdBy()));
    }

    void started(Batch batch) {
        send(Topic.TASK_EVENTS, EventTypes.BATCH_STARTED, batch.id(),
                new BatchStarted(batch.id().toString(), batch.sourceTable(), batch.sourceVersion(), batch.total()));
    }

    void completed(Batch batch) {
        Instant start = batch.startedAt() != null ? batch.startedAt() : batch.createdAt();
        long durationMs = Math.max(0, Duration.between(start, batch.completedAt()).toMillis());
        double rate = durationMs == 0 ? 0 : batch.processed() * 1000.0 / durationMs;
        // The final snapshot first, so a console's bar reaches 100 % before it sees "completed"
        // (two topics: a hint for the usual case, not an ordering guarantee).
        progress(batch, true);
        send(Topic.TASK_EVENTS, EventTypes.BATCH_COMPLETED, batch.id(), new BatchCompleted(batch.id().toString(),
                batch.sourceTable(), batch.sourceVersion(), Lakehouse.EMBEDDINGS, batch.outputVersion(), batch.model(),
                batch.total(), batch.processed(), batch.skipped(), batch.failed(), durationMs, rate,
                batch.failed() == 0 ? null : batches.errors(batch.id(), BatchCompleted.MAX_ERRORS)));
        lastProgress.remove(batch.id());
    }

    void failed(Batch batch, String reason) {
        send(Topic.TASK_EVENTS, EventTypes.BATCH_FAILED, batch.id(),
                new BatchFailed(batch.id().toString(), reason, batch.total(), batch.processed(), batch.failed()));
        lastProgress.remove(batch.id());
    }

    /** A progress snapshot unless one went out for this batch less than the interval ago. */
    void progress(UUID batchId) {
        Instant now = clock.instant();
        Instant last = lastProgress.get(batchId);
        if (last != null && Duration.between(last, now).compareTo(interval) < 0) {
            return;
        }
        lastProgress.put(batchId, now);
        batches.find(batchId).ifPresent(batch -> progress(batch, false));
    }

    private void progress(Batch batch, boolean wait) {
        // Skipped (unchanged) documents count as done, so the ETA reaches zero.
        long done = batch.processed() + batch.skipped();
        Instant start = batch.startedAt() != null ? batch.startedAt() : batch.createdAt();
        Instant end = batch.completedAt() != null ? batch.completedAt() : clock.instant();
        double seconds = Math.max(0.001, Duration.between(start, end).toMillis() / 1000.0);
        var future = publisher.publish(Topic.BATCH_PROGRESS, batch.id().toString(), EventEnvelope.create(SERVICE,
                EventTypes.BATCH_PROGRESS, batch.id().toString(),
                BatchProgress.of(batch.id().toString(), done, batch.failed(), batch.total(), batch.processed() / seconds)));
        if (wait) {
            JobQueue.await(future);
        }
    }

    private void send(Topic topic, String type, UUID batchId, Object payload) {
        JobQueue.await(publisher.publish(topic, batchId.toString(), EventEnvelope.create(SERVICE, type, batchId.toString(), payload)));
    }
}
