package dev.apfa.contracts.task.v1;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code apfa.task.batch.queued}: an embedding batch was accepted and split into work items.
 * Schema {@code schemas/batch-queued.v1.json}; key: {@code batch_id}.
 *
 * @param sourceVersion the Delta table version the batch is pinned to
 * @param total         documents in that table version
 * @param workItems     work items published on the internal queue
 * @param requestedBy   user id of the admin who started it
 */
public record BatchQueued(
        @JsonProperty("batch_id") String batchId,
        @JsonProperty("source_table") String sourceTable,
        @JsonProperty("source_version") long sourceVersion,
        @JsonProperty("total") long total,
        @JsonProperty("work_items") int workItems,
        @JsonProperty("model") String model,
        @JsonProperty("requested_by") String requestedBy) {

    /** Derived from the event type so a producer cannot send a contradicting value. */
    @JsonProperty(value = "status", access = JsonProperty.Access.READ_ONLY)
    public TaskStatus status() {
        return TaskStatus.QUEUED;
    }
}
