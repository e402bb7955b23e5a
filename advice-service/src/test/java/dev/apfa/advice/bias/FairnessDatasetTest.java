package dev.apfa.advice.bias;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apfa.advice.loan.Category;
import dev.apfa.advice.loan.DecisionEngine;
import dev.apfa.advice.loan.LoanMetrics;
import dev.apfa.advice.loan.Profile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fairness data set, {@code src/test/resources/fairness/}:
 * <ul>
 *   <li>{@code pairs.jsonl}: one JSON object per line,
 *       {@code {"attribute": "<key>", "a": "question A", "b": "question B", "profile": {snake_case Profile fields} | null}}.
 *       A and B differ only in the protected attribute {@code attribute}, one of {@code race, color, religion,
 *       national_origin, sex, marital_status, age, familial_status, disability, public_assistance}
 *       ({@link ProtectedAttribute#key()}). With a null profile the figures are only in the text. The decision
 *       (every metric, the category and the assumptions) must be identical for A and B.</li>
 *   <li>{@code answers-flagged.jsonl}: {@code {"attribute": "<key>", "answer": "..."}}, an answer that uses that
 *       attribute as a reason; the check must flag it (ANSWER_REASON) and fail.</li>
 *   <li>{@code answers-clean.jsonl}: {@code {"answer": "..."}}, neutral or protective answers; no ANSWER_REASON.</li>
 * </ul>
 * All text is invented.
 */
class FairnessDatasetTest {

    static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
    private static final String NEUTRAL_ANSWER = "Based on the numbers you gave, here is an estimate of the payment "
            + "and the ratios lenders look at. This is educational information, not a loan offer.";

    private final DecisionEngine engine = new DecisionEngine();
    private final BiasChecker checker = new BiasChecker(engine);

    record Pair(String attribute, String a, String b, Profile profile) {
        @Override
        public String toString() {
            return attribute + ": " + a;
        }
    }

    static List<JsonNode> lines(String resource) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(FairnessDatasetTest.class.getResourceAsStream(resource)),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    rows.add(JSON.readTree(line));
                }
            }
        }
        return rows;
    }

    static List<Pair> pairs() throws IOException {
        List<Pair> pairs = new ArrayList<>();
        for (JsonNode n : lines("/fairness/pairs.jsonl")) {
            JsonNode p = n.get("profile");
            Profile profile = p == null || p.isNull() ? null : JSON.treeToValue(p, Profile.class);
            pairs.add(new Pair(n.get("attribute").asString(), n.get("a").asString(), n.get("b").asString(), profile));
        }
        return pairs;
    }

    @Test
    void dataSetCoversEveryAttributeWithAtLeastSixtyPairs() throws IOException {
        List<Pair> pairs = pairs();
        assertThat(pairs).hasSizeGreaterThanOrEqualTo(60);
        Set<String> covered = pairs.stream().map(Pair::attribute).collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(ProtectedAttribute.values()).map(ProtectedAttribute::key).toList());
        assertThat(pairs).filteredOn(p -> p.profile() == null).hasSizeGreaterThanOrEqualTo(20);
        // the set must exercise real decisions, not only "insufficient data"
        long decided = pairs.stream().filter(p -> engine.decide(p.a(), p.profile()).category()
                != Category.INSUFFICIENT_DATA).count();
        assertThat(decided).isGreaterThanOrEqualTo(45);
        assertThat(pairs.stream().map(p -> engine.decide(p.a(), p.profile()).category()).collect(Collectors.toSet()))
                .as("every outcome is exercised").containsAll(EnumSet.allOf(Category.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void pairGetsTheIdenticalDecisionAndPassesTheCheck(Pair pair) {
        ProtectedAttribute attribute = ProtectedAttribute.fromKey(pair.attribute());
        LoanMetrics a = engine.decide(pair.a(), pair.profile());
        LoanMetrics b = engine.decide(pair.b(), pair.profile());
        assertThat(b).as("decision for B").isEqualTo(a);
        assertThat(b.category()).isEqualTo(a.category());

        BiasReport ra = checker.check(pair.a(), pair.profile(), a, NEUTRAL_ANSWER);
        BiasReport rb = checker.check(pair.b(), pair.profile(), b, NEUTRAL_ANSWER);
        assertThat(ra.passed()).as("A passes: %s", ra.flags()).isTrue();
        assertThat(rb.passed()).as("B passes: %s", rb.flags()).isTrue();
        assertThat(ra.counterfactualConsistent()).isTrue();
        assertThat(rb.counterfactualConsistent()).isTrue();
        assertThat(mentions(ra, attribute) || mentions(rb, attribute))
                .as("the attribute is noticed in A or B: %s / %s", ra.flags(), rb.flags()).isTrue();

        // the neutralized question (what a mitigation regenerates from) keeps the decision too
        assertThat(engine.decide(checker.neutralize(pair.a()), pair.profile())).isEqualTo(a);
        assertThat(engine.decide(checker.neutralize(pair.b()), pair.profile())).isEqualTo(b);
    }

    private static boolean mentions(BiasReport r, ProtectedAttribute attribute) {
        return r.flags().stream().anyMatch(f -> f.kind().equals(BiasChecker.INPUT_MENTION)
                && f.attribute().equals(attribute.key()));
    }

    static List<JsonNode> flaggedAnswers() throws IOException {
        return lines("/fairness/answers-flagged.jsonl");
    }

    static List<JsonNode> cleanAnswers() throws IOException {
        return lines("/fairness/answers-clean.jsonl");
    }

    @Test
    void answerSetsAreLargeEnough() throws IOException {
        assertThat(flaggedAnswers()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(cleanAnswers()).hasSizeGreaterThanOrEqualTo(20);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flaggedAnswers")
    void answerCitingAnAttributeAsAReasonIsFlagged(JsonNode row) {
        String attribute = row.get("attribute").asString();
        BiasReport r = checker.check("How much can I borrow?", null, null, row.get("answer").asString());
        assertThat(r.passed()).isFalse();
        assertThat(r.score()).isLessThanOrEqualTo(0.75);
        assertThat(r.flags()).anyMatch(f -> f.kind().equals(BiasChecker.ANSWER_REASON)
                && f.attribute().equals(attribute));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cleanAnswers")
    void neutralOrProtectiveAnswerIsNotFlagged(JsonNode row) {
        BiasReport r = checker.check("How much can I borrow?", null, null, row.get("answer").asString());
        assertThat(r.flags()).isEmpty();
        assertThat(r.passed()).isTrue();
        assertThat(r.score()).isEqualTo(1.0);
    }
}
