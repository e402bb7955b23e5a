package dev.apfa.index.passages;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a search hit cites: one row of the corpus table ({@code knowledge_base}) as it was when its
 * embedding was computed. Written as one JSON line of an index version's {@code docs.jsonl}.
 */
public record Passage(@JsonProperty("doc_id") String docId,
                      @JsonProperty("title") String title,
                      @JsonProperty("section") String section,
                      @JsonProperty("source") String source,
                      @JsonProperty("text") String text) {
}
