package dev.apfa.advice.flow;

import dev.apfa.advice.pii.Classification;
import dev.apfa.advice.retrieval.Passage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CitationsTest {

    private static final List<Passage> PASSAGES = List.of(
            new Passage("a", "A", null, null, "Text a.", 0.9),
            new Passage("b", "B", null, null, null, 0.8),
            new Passage("c", "C", null, null, "Text c.", 0.7));

    @Test
    void citesWhatTheAnswerCitesByNumber() {
        assertThat(AdviceFlow.citations("See [3] and [1].", PASSAGES)).extracting(AdviceBody.Citation::docId)
                .containsExactly("a", "c");
    }

    @Test
    void citesEveryPassageWhenTheAnswerGivesNoNumbers() {
        assertThat(AdviceFlow.citations("No numbers here.", PASSAGES)).extracting(AdviceBody.Citation::docId)
                .containsExactly("a", "b", "c");
        assertThat(AdviceFlow.citations("x", PASSAGES).get(1).snippet()).isNull();
    }

    @Test
    void theHigherClassificationWins() {
        assertThat(AdviceFlow.max(Classification.INTERNAL, Classification.RESTRICTED)).isEqualTo(Classification.RESTRICTED);
        assertThat(AdviceFlow.max(Classification.SENSITIVE, Classification.PUBLIC)).isEqualTo(Classification.SENSITIVE);
    }
}
