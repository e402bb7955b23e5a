package dev.apfa.embedding.batch;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code embedding.batches}. {@code workItems} and {@code plannedAt} are null until planned. */
public record Batch(UUID id, String sourceTable, long sourceVersion, String model, String status,
                    long total, long processed, long skipped, long failed, Integer workItems,
                    Long outputVersion, String error, String createdBy,
                    Instant createdAt, Instant plannedAt, Instant startedAt, Instant completedAt) {

    public static final String QUEUED = "QUEUED";
    public static final String RUNNING = "RUNNING";
    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";

    boolean terminal() {
        return COMPLETED.equals(status) || FAILED.equals(status);
    }
}
