package dev.apfa.contracts.task.v1;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code apfa.task.batch.failed}: the batch as a whole cannot finish (a single bad document does
 * not fail a batch; it is counted in {@link BatchCompleted#failed()}).
 * Schema {@code schemas/batch-failed.v1.json}; key: {@code batch_id}.
 */
public record BatchFailed(
        @JsonProperty("batch_id") String batchId,
        @JsonProperty("reason") String reason,
        @JsonProperty("total") long total,
        @JsonProperty("processed") long processed,
        @JsonProperty("failed") long failed) {

    @JsonProperty(value = "status", access = JsonProperty.Access.READ_ONLY)
    public TaskStatus status() {
        return TaskStatus.FAILED;
    }
}
