package dev.apfa.advice.generation;

import dev.apfa.advice.loan.Category;
import dev.apfa.advice.loan.LoanMetrics;
import dev.apfa.advice.retrieval.Passage;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LocalGeneratorTest {

    private final LocalGenerator generator = new LocalGenerator();

    private static final LoanMetrics METRICS = new LoanMetrics(new BigDecimal("2212.24"), new BigDecimal("0.2950"),
            new BigDecimal("0.3617"), new BigDecimal("0.85"), new BigDecimal("398123.45"), Category.BORDERLINE, List.of());

    private static final List<Passage> PASSAGES = List.of(
            new Passage("aff-003", "The 28/36 guideline", "Affordability", null,
                    "A traditional rule of thumb keeps housing costs at or below twenty-eight percent of gross monthly "
                            + "income and total debt payments at or below thirty-six percent. Many programs allow higher ratios.", 0.7),
            new Passage("aff-004", null, null, null, null, 0.6));

    @Test
    void composesALabelledCitedAnswerFromTheFiguresAndPassages() {
        String answer = generator.generate(new GenerationRequest("[REDACTED_SSN] how much?", METRICS, PASSAGES, true));

        assertThat(answer).startsWith(LocalGenerator.LABEL).endsWith(LocalGenerator.DISCLAIMER)
                .contains("Estimated monthly payment (principal and interest): $2,212.24",
                        "Front-end DTI (housing payment / gross monthly income): 29.5%",
                        "Back-end DTI (all debt payments / gross monthly income): 36.2%",
                        "Loan-to-value (LTV): 85.0%", "$398,123.45", "BORDERLINE",
                        "[1] The 28/36 guideline: A traditional rule of thumb", "[2] aff-004")
                .doesNotContain("REDACTED", "how much");
    }

    @Test
    void isDeterministic() {
        GenerationRequest request = new GenerationRequest("q", METRICS, PASSAGES, true);
        assertThat(generator.generate(request)).isEqualTo(generator.generate(request));
    }

    @Test
    void saysSoWhenTheKnowledgeBaseWasUnavailable() {
        String answer = generator.generate(new GenerationRequest("q", METRICS, List.of(), false));
        assertThat(answer).contains(LocalGenerator.NO_SOURCES).doesNotContain("[1]");
    }

    @Test
    void saysSoWhenNoFiguresCouldBeComputed() {
        LoanMetrics none = new LoanMetrics(null, null, null, null, null, Category.INSUFFICIENT_DATA, List.of("no income given"));
        String answer = generator.generate(new GenerationRequest("q", none, PASSAGES, true));
        assertThat(answer).contains("INSUFFICIENT_DATA", "Assumptions: no income given").doesNotContain("$");
    }
}
