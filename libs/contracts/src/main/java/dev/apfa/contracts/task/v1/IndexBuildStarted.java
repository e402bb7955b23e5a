package dev.apfa.contracts.task.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code apfa.task.index.build.started}. Schema {@code schemas/index-build-started.v1.json};
 * key: {@code build_id}, so every event of one build lands in one partition, in order.
 *
 * @param batchId     the batch whose completion triggered the build; absent for builds started by API
 * @param requestedBy user id for builds started by API; absent for builds triggered by a batch
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IndexBuildStarted(
        @JsonProperty("build_id") String buildId,
        @JsonProperty("index_name") String indexName,
        @JsonProperty("index_type") IndexType indexType,
        @JsonProperty("source_table") String sourceTable,
        @JsonProperty("source_version") long sourceVersion,
        @JsonProperty("vectors") long vectors,
        @JsonProperty("batch_id") String batchId,
        @JsonProperty("requested_by") String requestedBy) {

    @JsonProperty(value = "status", access = JsonProperty.Access.READ_ONLY)
    public TaskStatus status() {
        return TaskStatus.RUNNING;
    }
}
