package dev.apfa.contracts.progress.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code apfa.batch.progress} on {@code batch-progress}: a throttled snapshot (a few per second
 * per batch at most) for the admin console. Schema {@code schemas/batch-progress.v1.json};
 * key: {@code batch_id}. Counts are cumulative, so a consumer that misses one loses nothing.
 *
 * @param etaSeconds absent while the rate is still unknown (nothing processed yet)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchProgress(
        @JsonProperty("batch_id") String batchId,
        @JsonProperty("processed") long processed,
        @JsonProperty("failed") long failed,
        @JsonProperty("total") long total,
        @JsonProperty("docs_per_second") double docsPerSecond,
        @JsonProperty("eta_seconds") Long etaSeconds) {

    /** Progress with the ETA derived from the rate; no ETA while the rate is zero. */
    public static BatchProgress of(String batchId, long processed, long failed, long total, double docsPerSecond) {
        long remaining = Math.max(0, total - processed - failed);
        Long eta = docsPerSecond > 0 ? (long) Math.ceil(remaining / docsPerSecond) : null;
        return new BatchProgress(batchId, processed, failed, total, docsPerSecond, eta);
    }
}
