package dev.apfa.embedding.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.UUID;

/**
 * A message on the internal {@code embedding-jobs} topic (plain JSON, not a contract event: only
 * embedding-service reads it). PLAN splits a batch into ITEMs; the worker that records the last
 * ITEM sends FINALIZE, which commits the batch's files as one {@code embeddings} version.
 * PLAN and FINALIZE are keyed by batch id, ITEMs by {@code <batch id>:<seq>} to spread them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EmbeddingJob(
        @JsonProperty("kind") Kind kind,
        @JsonProperty("batch_id") UUID batchId,
        @JsonProperty("seq") Integer seq,
        @JsonProperty("docs") List<Doc> docs) {

    public enum Kind { PLAN, ITEM, FINALIZE }

    /** One document to embed; {@code text} is what the model sees (title and text; empty when the text is). */
    public record Doc(@JsonProperty("id") String id, @JsonProperty("hash") String hash, @JsonProperty("text") String text) {
    }

    static EmbeddingJob plan(UUID batchId) {
        return new EmbeddingJob(Kind.PLAN, batchId, null, null);
    }

    static EmbeddingJob item(UUID batchId, int seq, List<Doc> docs) {
        return new EmbeddingJob(Kind.ITEM, batchId, seq, List.copyOf(docs));
    }

    static EmbeddingJob finalizeBatch(UUID batchId) {
        return new EmbeddingJob(Kind.FINALIZE, batchId, null, null);
    }

    String key() {
        return kind == Kind.ITEM ? batchId + ":" + seq : batchId.toString();
    }
}
