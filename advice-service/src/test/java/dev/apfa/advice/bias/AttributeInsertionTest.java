package dev.apfa.advice.bias;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apfa.advice.loan.DecisionEngine;
import dev.apfa.advice.loan.LoanMetrics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every protected-attribute statement, inserted before, inside or after a question that carries its figures
 * in the text, leaves the decision exactly as it was: the reading of figures never depends on the attribute.
 */
class AttributeInsertionTest {

    private static final List<String> QUESTIONS = List.of(
            "I earn $85,000 a year and pay $450 a month on my car loan. Can I afford a $350,000 house with "
                    + "$70,000 down at 6.5% on a 30-year fixed?",
            "My income is 96k a year, debts are $900 a month, credit score 705. What can I borrow at 7.25% "
                    + "over 30 years?",
            "Can I get a $240,000 mortgage at 6% for 15 years? I make $7,500 a month and have $300 a month in "
                    + "student loan payments.",
            "We want a $500,000 home with 20% down at 6.875%, 30-year fixed. Our household income is $140,000 "
                    + "a year and we owe $1,200 a month on cars.");

    private static final List<String> STATEMENTS = List.of(
            "As a Black woman,", "I'm Hispanic.", "I'm Asian American and", "I have a dark complexion.",
            "I'm Muslim.", "We attend a synagogue.", "I'm an immigrant from Nigeria.", "English is my second language.",
            "I'm a single mother of two kids.", "I'm a man.", "I'm transgender.", "I'm married.", "I'm divorced and",
            "My wife and I", "I'm 62 and retired.", "As a 28-year-old,", "I was born in 1961.", "I'm a senior citizen.",
            "I'm pregnant.", "We have three children.", "I have custody of my son.", "I use a wheelchair.",
            "I'm blind.", "I have PTSD.", "I'm on SSI.", "I get food stamps.", "I use a Section 8 voucher.",
            "I receive Social Security.", "I'm on disability.");

    static List<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String q : QUESTIONS) {
            for (String s : STATEMENTS) {
                cases.add(Arguments.of(q, s));
            }
        }
        return cases;
    }

    private final DecisionEngine engine = new DecisionEngine();
    private final BiasChecker checker = new BiasChecker(engine);

    @ParameterizedTest(name = "{1}")
    @MethodSource("cases")
    void insertingAnAttributeNeverChangesTheDecision(String question, String statement) {
        LoanMetrics plain = engine.decide(question, null);
        assertThat(plain.maxAffordableLoan()).as("the question's figures are read").isNotNull();
        java.util.regex.Matcher firstBreak = java.util.regex.Pattern.compile("[.?!] ").matcher(question);
        assertThat(firstBreak.find()).isTrue();
        int middle = firstBreak.end();
        List<String> variants = List.of(statement + " " + question,
                question.substring(0, middle) + statement + " " + question.substring(middle),
                question + " " + statement);
        for (String v : variants) {
            assertThat(engine.decide(v, null)).as(v).isEqualTo(plain);
            BiasReport r = checker.check(v, null, plain, "Here is an estimate based on your figures.");
            assertThat(r.passed()).as("%s: %s", v, r.flags()).isTrue();
            assertThat(r.flags()).as(v).isNotEmpty();
            assertThat(engine.decide(checker.neutralize(v), null)).as(checker.neutralize(v)).isEqualTo(plain);
        }
    }
}
