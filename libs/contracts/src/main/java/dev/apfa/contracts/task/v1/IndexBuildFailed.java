package dev.apfa.contracts.task.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code apfa.task.index.build.failed}. When {@code failure_code} is {@code recall_below_threshold}
 * the schema requires {@code recall_at_10} and {@code recall_threshold}, so the figure that
 * rejected the build is always in the event. Schema {@code schemas/index-build-failed.v1.json};
 * key: {@code build_id}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IndexBuildFailed(
        @JsonProperty("build_id") String buildId,
        @JsonProperty("index_name") String indexName,
        @JsonProperty("failure_code") FailureCode failureCode,
        @JsonProperty("reason") String reason,
        @JsonProperty("recall_at_10") Double recallAt10,
        @JsonProperty("recall_threshold") Double recallThreshold) {

    public enum FailureCode {
        @JsonProperty("recall_below_threshold") RECALL_BELOW_THRESHOLD,
        @JsonProperty("source_unavailable") SOURCE_UNAVAILABLE,
        @JsonProperty("artifact_store_error") ARTIFACT_STORE_ERROR,
        @JsonProperty("internal_error") INTERNAL_ERROR
    }

    public static IndexBuildFailed recallTooLow(String buildId, String indexName, double recallAt10,
                                                double threshold) {
        return new IndexBuildFailed(buildId, indexName, FailureCode.RECALL_BELOW_THRESHOLD,
                "recall@10 " + recallAt10 + " is below the threshold " + threshold, recallAt10, threshold);
    }

    public static IndexBuildFailed of(String buildId, String indexName, FailureCode code, String reason) {
        return new IndexBuildFailed(buildId, indexName, code, reason, null, null);
    }

    @JsonProperty(value = "status", access = JsonProperty.Access.READ_ONLY)
    public TaskStatus status() {
        return TaskStatus.FAILED;
    }
}
