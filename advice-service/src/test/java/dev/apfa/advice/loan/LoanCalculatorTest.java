package dev.apfa.advice.loan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reference values were computed independently of this code with Python's {@code decimal} module at 50 digits
 * (payment = P*r/(1-(1+r)**-n), r = rate/1200; P/n at 0 %; max loan = budget*(1-(1+r)**-n)/r with
 * budget = min(0.28*income/12, 0.36*income/12 - debt)), then rounded by hand; the first four payments also
 * match published amortization tables ($200,000 / 6 % / 30 y = $1,199.10; $300,000 / 7 % / 30 y = $1,995.91;
 * $150,000 / 4.5 % / 15 y = $1,147.49).
 */
class LoanCalculatorTest {

    private final LoanCalculator calculator = new LoanCalculator();

    private static Profile loan(String amount, String rate, Integer months) {
        return new Profile(null, null, null, new BigDecimal(amount), new BigDecimal(rate), months, null, null);
    }

    @ParameterizedTest
    @CsvSource({
            "200000, 6, 360, 1199.10",
            "120000, 0, 120, 1000.00",
            "300000, 7, 360, 1995.91",
            "150000, 4.5, 180, 1147.49",
            "250000, 5.25, 360, 1380.51",
            "100000, 0.01, 12, 8333.78",
            "320000, 6.5, 360, 2022.62",
            "0, 6, 360, 0.00",
    })
    void monthlyPaymentMatchesIndependentAmortization(String amount, String rate, int months, String expected) {
        assertThat(calculator.compute(loan(amount, rate, months)).monthlyPayment()).isEqualTo(new BigDecimal(expected));
    }

    @Test
    void fullProfileGivesRatiosLtvMaxLoanAndCategory() {
        // income 85,000/yr = 7,083.33/mo; payment 2,022.62 -> front 2022.62/7083.33 = 0.2855,
        // back (2022.62 + 500)/7083.33 = 0.3561; LTV 320,000/400,000 = 0.8000;
        // budget min(1983.33, 2550 - 500) = 1983.33 -> max loan 313,784.79 (rounded down).
        Profile p = new Profile(new BigDecimal("85000"), new BigDecimal("500"), 700, new BigDecimal("320000"),
                new BigDecimal("6.5"), 360, new BigDecimal("400000"), new BigDecimal("80000"));
        LoanMetrics m = calculator.compute(p);
        assertThat(m.monthlyPayment()).isEqualTo(new BigDecimal("2022.62"));
        assertThat(m.dtiFront()).isEqualTo(new BigDecimal("0.2855"));
        assertThat(m.dtiBack()).isEqualTo(new BigDecimal("0.3561"));
        assertThat(m.ltv()).isEqualTo(new BigDecimal("0.8000"));
        assertThat(m.maxAffordableLoan()).isEqualTo(new BigDecimal("313784.79"));
        assertThat(m.category()).isEqualTo(Category.BORDERLINE); // front-end 28.55 % > 28 %
        assertThat(m.assumptions()).contains(LoanCalculator.ASSUME_PI_ONLY).doesNotContain(LoanCalculator.ASSUME_TERM);
    }

    @Test
    void backEndLimitBindsWhenDebtsAreHigh() {
        // 60,000/yr = 5,000/mo: front budget 1,400; back 1,800 - 1,200 = 600 -> 600 at 6 % for 360 months.
        Profile p = new Profile(new BigDecimal("60000"), new BigDecimal("1200"), null, null, new BigDecimal("6"),
                360, null, null);
        LoanMetrics m = calculator.compute(p);
        assertThat(m.maxAffordableLoan()).isEqualTo(new BigDecimal("100074.96"));
        assertThat(m.category()).isEqualTo(Category.INSUFFICIENT_DATA); // no loan amount: nothing to judge
        assertThat(m.monthlyPayment()).isNull();
    }

    @Test
    void maxLoanAtZeroRateIsBudgetTimesTermAndZeroWhenDebtsEatTheBudget() {
        // 120,000/yr = 10,000/mo: budget min(2,800, 3,600) = 2,800 x 360 = 1,008,000.
        assertThat(calculator.compute(new Profile(new BigDecimal("120000"), BigDecimal.ZERO, null, null,
                BigDecimal.ZERO, 360, null, null)).maxAffordableLoan()).isEqualTo(new BigDecimal("1008000.00"));
        // 48,000/yr = 4,000/mo: back budget 1,440 - 2,000 < 0.
        assertThat(calculator.compute(new Profile(new BigDecimal("48000"), new BigDecimal("2000"), null, null,
                new BigDecimal("6"), 360, null, null)).maxAffordableLoan()).isEqualTo(new BigDecimal("0.00"));
    }

    @Test
    void loanFromPriceMinusDownPaymentAndDefaultTermAreNamed() {
        Profile p = new Profile(new BigDecimal("90000"), null, 760, null, new BigDecimal("6"), null,
                new BigDecimal("250000"), new BigDecimal("50000"));
        LoanMetrics m = calculator.compute(p);
        assertThat(m.monthlyPayment()).isEqualTo(new BigDecimal("1199.10")); // 200,000 at 6 % for 360 months
        assertThat(m.ltv()).isEqualTo(new BigDecimal("0.8000"));
        // 1199.10 / 7500 = 0.15988 -> 0.1599; no debts given -> back = front
        assertThat(m.dtiFront()).isEqualTo(new BigDecimal("0.1599"));
        assertThat(m.dtiBack()).isEqualTo(new BigDecimal("0.1599"));
        assertThat(m.category()).isEqualTo(Category.STRONG);
        assertThat(m.assumptions()).contains(LoanCalculator.ASSUME_TERM, LoanCalculator.ASSUME_NO_DEBT,
                LoanCalculator.ASSUME_LOAN_FROM_PRICE);
    }

    @Test
    void categories() {
        // 100,000/yr = 8,333.33/mo; 200,000 at 6 % -> 1,199.10 -> front 0.1439
        assertThat(category("100000", "0", 760, "200000", "300000")).isEqualTo(Category.STRONG);
        assertThat(category("100000", "0", 700, "200000", "300000")).isEqualTo(Category.QUALIFIES); // score < 740
        assertThat(category("100000", "0", null, "200000", null)).isEqualTo(Category.QUALIFIES); // unknowns
        assertThat(calculator.compute(new Profile(new BigDecimal("100000"), BigDecimal.ZERO, null,
                new BigDecimal("200000"), new BigDecimal("6"), 360, null, null)).assumptions())
                .contains(LoanCalculator.NO_SCORE);
        assertThat(category("100000", "0", 600, "200000", "300000")).isEqualTo(Category.BORDERLINE); // score 580-619
        assertThat(category("100000", "0", 760, "200000", "208000")).isEqualTo(Category.BORDERLINE); // LTV 0.9615
        // back (1199.10 + 2000)/8333.33 = 0.3839 > 0.36
        assertThat(category("100000", "2000", 760, "200000", "300000")).isEqualTo(Category.BORDERLINE);
        // back (1199.10 + 2500)/8333.33 = 0.4439 > 0.43
        assertThat(category("100000", "2500", 760, "200000", "300000")).isEqualTo(Category.UNLIKELY);
        assertThat(category("100000", "0", 560, "200000", "300000")).isEqualTo(Category.UNLIKELY);
        assertThat(category("100000", "0", 760, "200000", "204000")).isEqualTo(Category.UNLIKELY); // LTV 0.9804
        assertThat(category(null, "0", 760, "200000", "300000")).isEqualTo(Category.INSUFFICIENT_DATA);
    }

    private Category category(String income, String debt, Integer score, String loan, String price) {
        return calculator.compute(new Profile(income == null ? null : new BigDecimal(income), new BigDecimal(debt),
                score, new BigDecimal(loan), new BigDecimal("6"), 360, price == null ? null : new BigDecimal(price),
                null)).category();
    }

    @Test
    void missingInputsGiveNullsAndInsufficientDataNeverNaN() {
        LoanMetrics empty = calculator.compute(Profile.EMPTY);
        assertThat(empty).isEqualTo(new LoanMetrics(null, null, null, null, null, Category.INSUFFICIENT_DATA,
                java.util.List.of()));
        LoanMetrics noRate = calculator.compute(new Profile(new BigDecimal("85000"), null, null,
                new BigDecimal("300000"), null, 360, null, null));
        assertThat(noRate.monthlyPayment()).isNull();
        assertThat(noRate.maxAffordableLoan()).isNull();
        assertThat(noRate.category()).isEqualTo(Category.INSUFFICIENT_DATA);
        assertThat(noRate.assumptions()).contains(LoanCalculator.NO_RATE);
        // income 0 without loan or debts: no ratio is asked, so no error
        assertThat(calculator.compute(new Profile(BigDecimal.ZERO, null, null, null, new BigDecimal("6"), null,
                null, null)).maxAffordableLoan()).isEqualTo(new BigDecimal("0.00"));
    }

    @Test
    void equalInputsGiveEqualRecordsWhateverTheInputScale() {
        Profile a = new Profile(new BigDecimal("85000"), new BigDecimal("500"), 720, new BigDecimal("300000"),
                new BigDecimal("6.5"), 360, new BigDecimal("400000"), null);
        Profile b = new Profile(new BigDecimal("85000.00"), new BigDecimal("500.0"), 720, new BigDecimal("3E+5"),
                new BigDecimal("6.50"), 360, new BigDecimal("400000.000"), null);
        assertThat(calculator.compute(a)).isEqualTo(calculator.compute(b));
    }

    @Test
    void customLimits() {
        LoanCalculator strict = new LoanCalculator(new Limits(new BigDecimal("0.25"), new BigDecimal("0.33")));
        // 120,000/yr = 10,000/mo -> budget min(2,500, 3,300) = 2,500 at 0 % for 120 months
        assertThat(strict.compute(new Profile(new BigDecimal("120000"), BigDecimal.ZERO, null, null, BigDecimal.ZERO,
                120, null, null)).maxAffordableLoan()).isEqualTo(new BigDecimal("300000.00"));
        assertThatThrownBy(() -> new Limits(new BigDecimal("1.5"), new BigDecimal("0.36")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "-1|||||||| annual_income must not be negative",
            "|-5||||||| monthly_debt must not be negative",
            "||299|||||| credit_score must be between 300 and 850",
            "||851|||||| credit_score must be between 300 and 850",
            "|||100000|-0.1|||| interest_rate must be between 0 and 30",
            "|||100000|30.01|||| interest_rate must be between 0 and 30",
            "|||100000|6|0||| loan_term_months must be between 1 and 600",
            "|||100000|6|601||| loan_term_months must be between 1 and 600",
            "||||||300000|300001| down_payment must not exceed property_value",
            "|||300001|||300000|| loan_amount must not exceed property_value",
            "0|||100000|6|360||| annual_income is 0",
            "0|300||100000|6|360||| annual_income is 0",
            "|||1000000001||||| loan_amount must not exceed 1,000,000,000",
            "1e12|||||||| annual_income must not exceed 1,000,000,000",
            "||||||-1|| property_value must not be negative",
    })
    void invalidCombinationsAreRejectedWithAClearMessage(String income, String debt, Integer score, String loan,
                                                         String rate, Integer term, String price, String down,
                                                         String message) {
        Profile p = new Profile(dec(income), dec(debt), score, dec(loan), dec(rate), term, dec(price), dec(down));
        assertThatThrownBy(() -> calculator.compute(p)).isInstanceOf(InvalidProfileException.class)
                .hasMessageContaining(message.trim());
    }

    private static BigDecimal dec(String s) {
        return s == null || s.isBlank() ? null : new BigDecimal(s.trim());
    }

    @Test
    void extremeButValidInputsStayFinite() {
        LoanMetrics m = calculator.compute(new Profile(new BigDecimal("1"), new BigDecimal("1000000000"), 300,
                new BigDecimal("1000000000"), new BigDecimal("30"), 600, new BigDecimal("1000000000"), null));
        assertThat(m.monthlyPayment()).isEqualTo(new BigDecimal("25000009.20")); // r = 2.5 %/mo; Python decimal: 25000009.1965
        assertThat(m.category()).isEqualTo(Category.UNLIKELY);
        assertThat(m.maxAffordableLoan()).isEqualTo(new BigDecimal("0.00"));
        LoanMetrics tiny = calculator.compute(loan("0.01", "0.001", 1));
        assertThat(tiny.monthlyPayment()).isEqualTo(new BigDecimal("0.01"));
    }
}
