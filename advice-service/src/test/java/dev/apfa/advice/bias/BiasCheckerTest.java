package dev.apfa.advice.bias;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apfa.advice.loan.Category;
import dev.apfa.advice.loan.DecisionEngine;
import dev.apfa.advice.loan.LoanMetrics;
import dev.apfa.advice.loan.Profile;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BiasCheckerTest {

    private final DecisionEngine engine = new DecisionEngine();
    private final BiasChecker checker = new BiasChecker(engine);

    private static final String QUESTION = "As a single mother, I earn $85,000 a year and pay $450 a month on my car "
            + "loan. Can I afford a $350,000 house with $70,000 down at 6.5% on a 30-year fixed?";

    @Test
    void flagsEachMentionedAttributeOnceWithoutQuotingTheQuestion() {
        BiasReport r = checker.check(QUESTION, null, engine.decide(QUESTION, null), "Here are your numbers.");
        assertThat(r.flags()).extracting(BiasFlag::attribute, BiasFlag::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("marital_status", BiasChecker.INPUT_MENTION),
                org.assertj.core.groups.Tuple.tuple("familial_status", BiasChecker.INPUT_MENTION));
        assertThat(r.flags()).allSatisfy(f -> assertThat(f.detail()).doesNotContain("single", "mother"));
        assertThat(r.counterfactualConsistent()).isTrue();
        assertThat(r.passed()).isTrue();
        assertThat(r.score()).isEqualTo(0.9); // two mentions, 0.05 each
    }

    @Test
    void aQuestionWithoutAttributesScoresOne() {
        BiasReport r = checker.check("How much can I borrow at 6% on $90,000 a year?", null, null,
                "Lenders look at your debt-to-income ratio.");
        assertThat(r).isEqualTo(new BiasReport(1.0, List.of(), true, true));
    }

    /** An engine that (wrongly) reads the attribute: the counterfactual check must catch it. */
    @Test
    void aDecisionThatDependsOnAnAttributeIsAMismatch() {
        DecisionEngine biased = new DecisionEngine() {
            @Override
            public LoanMetrics decide(String query, Profile profile) {
                LoanMetrics m = super.decide(query, profile);
                return query.toLowerCase().contains("mother")
                        ? new LoanMetrics(m.monthlyPayment(), m.dtiFront(), m.dtiBack(), m.ltv(),
                        m.maxAffordableLoan(), Category.UNLIKELY, m.assumptions())
                        : m;
            }
        };
        BiasChecker strict = new BiasChecker(biased);
        BiasReport r = strict.check(QUESTION, null, biased.decide(QUESTION, null), "Here are your numbers.");
        assertThat(r.counterfactualConsistent()).isFalse();
        assertThat(r.passed()).isFalse();
        assertThat(r.flags()).anySatisfy(f -> {
            assertThat(f.kind()).isEqualTo(BiasChecker.COUNTERFACTUAL_MISMATCH);
            assertThat(f.attribute()).isEqualTo("familial_status");
            assertThat(f.detail()).contains("category");
        });
        assertThat(r.score()).isLessThanOrEqualTo(0.5);
    }

    @Test
    void anInvalidProfileIsComparedAsAnOutcome() {
        Profile invalid = new Profile(null, null, 900, null, null, null, null, null);
        BiasReport r = checker.check("I'm 62, what can I borrow?", invalid, null, "");
        assertThat(r.counterfactualConsistent()).isTrue();
        assertThat(r.flags()).extracting(BiasFlag::kind).containsExactly(BiasChecker.INPUT_MENTION);
    }

    @Test
    void answerReasonIsFlaggedPerSentenceAndProtectiveSentencesAreNot() {
        String answer = "Your payment would be $1,769.79. Lenders may not consider your marital status. "
                + "Because you are a single mother, your rate is higher.";
        BiasReport r = checker.check("How much can I borrow?", null, null, answer);
        assertThat(r.flags()).extracting(BiasFlag::kind).containsOnly(BiasChecker.ANSWER_REASON);
        assertThat(r.flags()).extracting(BiasFlag::detail).allSatisfy(d -> assertThat(d).contains("sentence 3"));
        assertThat(r.passed()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "I'm a single mother of two kids. I earn $85,000 a year.|I earn $85,000 a year.",
            "As a Black first-time buyer, I earn $85,000 a year.|I earn $85,000 a year.",
            "Does my gender affect what I can borrow?|Does my personal background affect what I can borrow?",
            "My husband and I earn $130,000 a year.|My co-borrower and I earn $130,000 a year.",
            "I receive $1,400 a month in SSI and earn $30,000 a year.|I receive $1,400 a month in benefits and earn $30,000 a year.",
            "I'm 62 and retired; how much can I borrow?|How much can I borrow?",
            "I was born in 1958; can I still get a 30-year loan?|Can I still get a 30-year loan?",
            "We are Mormon and want to refinance.|We want to refinance.",
            "What is PMI?|What is PMI?",
            "I'm an immigrant from Mexico, earning $70,000 a year.|Earning $70,000 a year.",
            "I'm a senior citizen on a fixed income of $40,000 a year.|I'm a borrower on a fixed income of $40,000 a year.",
    })
    void neutralizeRemovesEveryMentionAndReads(String question, String expected) {
        String neutral = checker.neutralize(question);
        assertThat(neutral).isEqualTo(expected);
        assertThat(BiasChecker.attributesIn(neutral)).isEmpty();
    }

    @Test
    void agesAreAttributesButNotTerms() {
        assertThat(BiasChecker.attributesIn("a 35-year-old with a 30-year fixed")).containsExactly("age");
        assertThat(BiasChecker.attributesIn("a 30-year fixed at 6% for 360 months")).isEmpty();
        assertThat(BiasChecker.attributesIn("my social security number is [REDACTED_SSN]")).isEmpty();
        assertThat(BiasChecker.attributesIn("I pay $400 a month in child support")).isEmpty();
        assertThat(BiasChecker.attributesIn("a single-family home in a white picket fence town")).isEmpty();
    }
}
