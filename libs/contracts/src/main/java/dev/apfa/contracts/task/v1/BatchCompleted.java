package dev.apfa.contracts.task.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * {@code apfa.task.batch.completed}: every work item of a batch is done. index-service builds an
 * index from {@code embeddings_table} at exactly {@code embeddings_version}.
 * Schema {@code schemas/batch-completed.v1.json}; key: {@code batch_id}.
 *
 * @param processed documents embedded and written in this batch
 * @param skipped   documents left out because an embedding with the same content hash and model exists
 * @param failed    documents that could not be embedded (see {@code errors})
 * @param errors    at most {@link #MAX_ERRORS} of the failures, for the admin and the {@code tasks} index
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchCompleted(
        @JsonProperty("batch_id") String batchId,
        @JsonProperty("source_table") String sourceTable,
        @JsonProperty("source_version") long sourceVersion,
        @JsonProperty("embeddings_table") String embeddingsTable,
        @JsonProperty("embeddings_version") long embeddingsVersion,
        @JsonProperty("model") String model,
        @JsonProperty("total") long total,
        @JsonProperty("processed") long processed,
        @JsonProperty("skipped") long skipped,
        @JsonProperty("failed") long failed,
        @JsonProperty("duration_ms") long durationMs,
        @JsonProperty("docs_per_second") double docsPerSecond,
        @JsonProperty("errors") List<DocumentError> errors) {

    /** The schema caps the list so that one bad corpus cannot make a multi-megabyte event. */
    public static final int MAX_ERRORS = 100;

    /** One document that failed, e.g. empty text. */
    public record DocumentError(
            @JsonProperty("doc_id") String docId,
            @JsonProperty("message") String message) {
    }

    @JsonProperty(value = "status", access = JsonProperty.Access.READ_ONLY)
    public TaskStatus status() {
        return TaskStatus.COMPLETED;
    }
}
