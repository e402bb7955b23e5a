package dev.apfa.contracts.task.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code apfa.task.index.build.published}: a build passed its recall check and its artifact
 * ({@code indexes/<index_name>/v<version>/}) is in the artifact store. It is not active yet.
 * Schema {@code schemas/index-build-published.v1.json}; key: {@code build_id}.
 *
 * @param recallAt10 recall@10 measured against exact search, 0..1
 * @param nlist      IVF only: number of inverted lists
 * @param nprobe     IVF only: default lists probed per search
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IndexBuildPublished(
        @JsonProperty("build_id") String buildId,
        @JsonProperty("index_name") String indexName,
        @JsonProperty("version") int version,
        @JsonProperty("index_type") IndexType indexType,
        @JsonProperty("ntotal") long ntotal,
        @JsonProperty("dimension") int dimension,
        @JsonProperty("metric") String metric,
        @JsonProperty("recall_at_10") double recallAt10,
        @JsonProperty("nlist") Integer nlist,
        @JsonProperty("nprobe") Integer nprobe,
        @JsonProperty("source_table") String sourceTable,
        @JsonProperty("source_version") long sourceVersion,
        @JsonProperty("model") String model,
        @JsonProperty("artifact_uri") String artifactUri,
        @JsonProperty("duration_ms") long durationMs) {

    /** The only metric APFA uses: inner product over L2-normalised vectors, i.e. cosine. */
    public static final String METRIC_INNER_PRODUCT = "inner_product";

    @JsonProperty(value = "status", access = JsonProperty.Access.READ_ONLY)
    public TaskStatus status() {
        return TaskStatus.COMPLETED;
    }
}
