package dev.apfa.contracts.task.v1;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code apfa.task.batch.started}: the first work item of a batch was picked up by a worker.
 * Schema {@code schemas/batch-started.v1.json}; key: {@code batch_id}.
 */
public record BatchStarted(
        @JsonProperty("batch_id") String batchId,
        @JsonProperty("source_table") String sourceTable,
        @JsonProperty("source_version") long sourceVersion,
        @JsonProperty("total") long total) {

    @JsonProperty(value = "status", access = JsonProperty.Access.READ_ONLY)
    public TaskStatus status() {
        return TaskStatus.RUNNING;
    }
}
