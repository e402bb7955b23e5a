package dev.apfa.index.build;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.apfa.contracts.task.v1.IndexType;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of an index version: what it was built from, how, how good it is, and the
 * sha256 of every other file, which each instance checks before it loads the version.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(
        @JsonProperty("index_name") String indexName,
        @JsonProperty("version") int version,
        @JsonProperty("build_id") String buildId,
        @JsonProperty("source_table") String sourceTable,
        @JsonProperty("source_version") long sourceVersion,
        @JsonProperty("model") String model,
        @JsonProperty("metric") String metric,
        @JsonProperty("index_type") IndexType indexType,
        @JsonProperty("dimension") int dimension,
        @JsonProperty("parameters") Parameters parameters,
        @JsonProperty("ntotal") long ntotal,
        @JsonProperty("recall_at_10") double recallAt10,
        @JsonProperty("recall_queries") int recallQueries,
        @JsonProperty("sha256") Map<String, String> sha256,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("corpus_table") String corpusTable,
        @JsonProperty("corpus_versions") List<Long> corpusVersions) {

    public static final String INDEX_FILE = "index.faiss";
    public static final String IDS_FILE = "ids.txt";
    /** The passages of the labels (optional: versions built before it, or from generated vectors, lack it). */
    public static final String DOCS_FILE = "docs.jsonl";

    /** A version without passages. */
    public Manifest(String indexName, int version, String buildId, String sourceTable, long sourceVersion, String model,
                    String metric, IndexType indexType, int dimension, Parameters parameters, long ntotal,
                    double recallAt10, int recallQueries, Map<String, String> sha256, Instant createdAt) {
        this(indexName, version, buildId, sourceTable, sourceVersion, model, metric, indexType, dimension, parameters,
                ntotal, recallAt10, recallQueries, sha256, createdAt, null, null);
    }

    /** IVF only: lists and default lists probed; absent for a flat index. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Parameters(@JsonProperty("nlist") Integer nlist, @JsonProperty("nprobe") Integer nprobe) {
    }
}
