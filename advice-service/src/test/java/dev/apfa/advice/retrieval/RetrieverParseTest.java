package dev.apfa.advice.retrieval;

import dev.apfa.advice.AdviceProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RetrieverParseTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Retriever retriever = new Retriever(new AdviceProperties.Retrieval("http://127.0.0.1:1", "http://127.0.0.1:1",
            5, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)),
            CircuitBreaker.ofDefaults("e"), CircuitBreaker.ofDefaults("i"), JSON, new ActiveIndexVersion());

    @Test
    void readsHitsWithAndWithoutPassageMetadata() {
        Retrieval retrieval = retriever.parse(JSON.readTree("""
                {"index_version":3,"results":[
                  {"doc_id":"aff-003","score":0.71,"title":"The 28/36 guideline","section":"Affordability","text":"Keep it low."},
                  {"doc_id":"aff-001","score":0.5,"snippet":"Only a snippet."},
                  {"doc_id":"aff-009","score":0.4},
                  {"score":0.3}]}"""), 1, 2);

        assertThat(retrieval.available()).isTrue();
        assertThat(retrieval.indexVersion()).isEqualTo(3);
        assertThat(retrieval.passages()).extracting(Passage::docId).containsExactly("aff-003", "aff-001", "aff-009");
        assertThat(retrieval.passages().get(0).label()).isEqualTo("The 28/36 guideline");
        assertThat(retrieval.passages().get(1).text()).isEqualTo("Only a snippet.");
        assertThat(retrieval.passages().get(2).label()).isEqualTo("aff-009");
        assertThat(retrieval.passages().get(2).hasText()).isFalse();
    }

    @Test
    void anUnreachableServiceGivesNoPassagesAndAReasonInsteadOfAnException() {
        Retrieval retrieval = retriever.retrieve("q", "token");
        assertThat(retrieval.available()).isFalse();
        assertThat(retrieval.failure()).startsWith("embedding-service");
        assertThat(retrieval.passages()).isEmpty();
    }
}
