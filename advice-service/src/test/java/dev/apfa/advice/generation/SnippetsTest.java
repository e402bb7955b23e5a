package dev.apfa.advice.generation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SnippetsTest {

    @Test
    void keepsWholeSentencesWithinTheLimit() {
        assertThat(Snippets.of("One two. Three four five six. Seven.", 20)).isEqualTo("One two.");
        assertThat(Snippets.of("Short.", 20)).isEqualTo("Short.");
    }

    @Test
    void clipsALongSentenceAtAWord() {
        assertThat(Snippets.of("alpha beta gamma delta epsilon", 12)).isEqualTo("alpha beta…");
    }
}
