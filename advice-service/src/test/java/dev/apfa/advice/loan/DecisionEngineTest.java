package dev.apfa.advice.loan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DecisionEngineTest {

    private final DecisionEngine engine = new DecisionEngine();

    private Profile read(String query) {
        return engine.complete(query, null).profile();
    }

    /** query | income | monthly debt | score | loan | rate | term | price | down (blank = not read). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "I earn $85,000 a year.|85000||||||| ",
            "I make 85k salary and want to buy.|85000||||||| ",
            "How much house can I afford on an $85,000 salary?|85000||||||| ",
            "How much house can I afford if I earn $85,000?|85000||||||| ",
            "My income is 85000 per year.|85000||||||| ",
            "I take home $6,000 a month.|72000||||||| ",
            "I pay $500 a month in car payments.||500|||||| ",
            "I have $500 a month in debts.||500|||||| ",
            "I have a $400 car payment and $250 in student loans each month.||650|||||| ",
            "I owe $30,000 in student loans.||||||||",
            "My credit score is 720.|||720||||| ",
            "I have a 680 credit score.|||680||||| ",
            "I'm 62 with a 700 score.|||700||||| ",
            "I have a $720 credit card bill.||||||||",
            "FICO 745, looking at 6.5% rates.|||745||6.5||| ",
            "Rates are at 6.5% right now.|||||6.5||| ",
            "A 30-year fixed mortgage.||||||360|| ",
            "a 15 year loan||||||180|| ",
            "I want to pay the mortgage off over 20 years.||||||240|| ",
            "a 360-month term||||||360|| ",
            "I want a $400,000 house.|||||||400000| ",
            "buy a home for $350k|||||||350000| ",
            "I have $80,000 down.||||||||80000",
            "My down payment is $60,000.||||||||60000",
            "I need to borrow $300,000.||||300000|||| ",
            "A $320,000 mortgage at 7%.||||320000|7||| ",
            "I'm a 35-year-old teacher.||||||||",
            "I'm 62 and retired.||||||||",
            "We are 45 years old and want a 30-year mortgage.||||||360||",
            "I live at ZIP 90210 and it is 2026.||||||||",
            "Born [REDACTED_DATE_OF_BIRTH], call [REDACTED_PHONE].||||||||",
            "We close on 12/01/2026 and I earn $70,000 a year.|70000||||||| ",
            "Closing is March 5, 2026; my SSN [REDACTED_SSN] and account [REDACTED_BANK_ACCOUNT].||||||||",
            "Call [REDACTED_PHONE] about the 2026 taxes of $4,000 on a $300,000 home.|||||||300000| ",
            "My monthly mortgage payment would be $2,000.||||||||",
            "I pay $1,500 a month in rent.||||||||",
            "I have $50,000 in savings.||||||||",
            "My DTI is 30% and my LTV 80%.||||||||",
            "The house is 1.2 million and I put 20% down.|||||||1200000|240000.00",
            "I earn $7,083 a month, about $85,000 a year.|85000||||||| ",
            "A $2m home with $500k down.|||||||2000000|500000",
            "I make $40 an hour.|83200||||||| ",
            "I'm paid $2,000 every two weeks.|52000||||||| ",
            "What's the payment on $300k at 6%?||||300000|6||| ",
            "My monthly payment would be $1,800 on the mortgage.||||||||",
            "Can I borrow $300k at 6.5% for 30 years?||||300000|6.5|360|| ",
            "My interest rate is 6.875.|||||6.875||| ",
            "I have paid my mortgage on time for 10 years.||||||||",
            "I have $20,000 saved for a down payment.||||||||20000",
            "Our household income is $150k, monthly debts $700.|150000|700|||||| ",
            "I have $15,000 in credit card debt.||||||||",
    })
    void readsFiguresFromTheQuestion(String query, String income, String debt, Integer score, String loan,
                                     String rate, Integer term, String price, String down) {
        Profile p = read(query);
        money("income", p.annualIncome(), income);
        money("debt", p.monthlyDebt(), debt);
        assertThat(p.creditScore()).as("score").isEqualTo(score);
        money("loan", p.loanAmount(), loan);
        money("rate", p.interestRate(), rate);
        assertThat(p.loanTermMonths()).as("term").isEqualTo(term);
        money("price", p.propertyValue(), price);
        money("down", p.downPayment(), down);
    }

    private static void money(String what, BigDecimal actual, String expected) {
        if (dec(expected) == null) {
            assertThat(actual).as(what).isNull();
        } else {
            assertThat(actual).as(what).isEqualByComparingTo(dec(expected));
        }
    }

    private static BigDecimal dec(String s) {
        return s == null || s.isBlank() ? null : new BigDecimal(s.trim());
    }

    @Test
    void percentDownNeedsAPrice() {
        Profile p = read("I earn $90,000 a year and want a $400,000 house with 20% down at 6.5% for 30 years, "
                + "30-year fixed.");
        assertThat(p.downPayment()).isEqualByComparingTo("80000");
        assertThat(p.propertyValue()).isEqualByComparingTo("400000");
        assertThat(p.interestRate()).isEqualByComparingTo("6.5");
        assertThat(p.loanTermMonths()).isEqualTo(360);
        assertThat(read("I can put 20% down.").downPayment()).isNull();
    }

    @Test
    void profileFieldsWinOverTheText() {
        Profile profile = new Profile(new BigDecimal("100000"), null, null, null, new BigDecimal("6"), 360, null, null);
        DecisionEngine.Completed c = engine.complete("I earn $85,000 a year with $500 a month in car payments at 7%",
                profile);
        assertThat(c.profile().annualIncome()).isEqualByComparingTo("100000");
        assertThat(c.profile().interestRate()).isEqualByComparingTo("6");
        assertThat(c.profile().monthlyDebt()).isEqualByComparingTo("500");
        assertThat(c.fromQuestion()).containsExactly("monthly debt payments of $500.00 taken from the question");
    }

    @Test
    void decideCompletesThenComputesAndNamesWhatItRead() {
        // "$400,000 house, $80,000 down" -> loan 320,000 at 6.5 % / 360 months = 2,022.62 (see LoanCalculatorTest)
        LoanMetrics m = engine.decide("I earn $85,000 a year and have $500 a month in car payments. "
                + "Can I buy a $400,000 house with $80,000 down at 6.5% on a 30-year fixed? My credit score is 700.",
                null);
        assertThat(m.monthlyPayment()).isEqualByComparingTo("2022.62");
        assertThat(m.dtiFront()).isEqualTo(new BigDecimal("0.2855"));
        assertThat(m.dtiBack()).isEqualTo(new BigDecimal("0.3561"));
        assertThat(m.ltv()).isEqualTo(new BigDecimal("0.8000"));
        assertThat(m.maxAffordableLoan()).isEqualTo(new BigDecimal("313784.79"));
        assertThat(m.category()).isEqualTo(Category.BORDERLINE);
        assertThat(m.assumptions()).contains("annual income of $85,000.00 taken from the question",
                "credit score 700 taken from the question");
        assertThat(engine.decide("I earn $85,000 a year and have $500 a month in car payments. "
                + "Can I buy a $400,000 house with $80,000 down at 6.5% on a 30-year fixed? My credit score is 700.",
                null)).isEqualTo(m);
    }

    @Test
    void incomeStatedPerMonthOrHourIsAnnualisedAndSaysSo() {
        assertThat(engine.complete("I take home $6,000 a month.", null).fromQuestion())
                .containsExactly("annual income (12 × $6,000.00 a month) of $72,000.00 taken from the question");
        assertThat(engine.complete("I make $40 an hour.", null).fromQuestion())
                .containsExactly("annual income (2080 × $40.00 an hour) of $83,200.00 taken from the question");
    }

    @Test
    void agesAreNeverTerms() {
        assertThat(read("As a 35-year-old I want a mortgage at 6%.").loanTermMonths()).isNull();
        assertThat(read("I'm 62 years old, and my loan is $200,000 at 6%.").loanTermMonths()).isNull();
        assertThat(engine.decide("I'm a 40-year-old borrowing $200,000 at 6%", null).assumptions())
                .contains(LoanCalculator.ASSUME_TERM);
    }

    @Test
    void inconsistentFiguresInTheTextAreA400NotNaN() {
        assertThatThrownBy(() -> engine.decide("a $300,000 house with $400,000 down", null))
                .isInstanceOf(InvalidProfileException.class)
                .hasMessageContaining("down_payment must not exceed property_value")
                .hasMessageContaining("question");
    }

    @Test
    void nullOrEmptyQuestionUsesTheProfileOnly() {
        Profile p = new Profile(null, null, null, new BigDecimal("200000"), new BigDecimal("6"), 360, null, null);
        assertThat(engine.decide(null, p)).isEqualTo(new LoanCalculator().compute(p));
        assertThat(engine.decide("", null).category()).isEqualTo(Category.INSUFFICIENT_DATA);
    }
}
