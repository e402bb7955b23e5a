package dev.apfa.advice.loan;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Amortization (also at 0 %), front/back-end DTI, LTV, the largest loan affordable under the DTI limits,
 * and a qualification category. Pure and deterministic.
 *
 * <p>Arithmetic runs in {@link MathContext#DECIMAL128} (34 significant digits) and is rounded once at the end:
 * money to cents HALF_EVEN (the largest affordable loan DOWN, so that it never exceeds the limits), ratios to
 * four decimals HALF_EVEN. Fixed scales make {@link LoanMetrics#equals} meaningful, which the bias check's
 * counterfactual comparison relies on. Ratios use the payment as rounded to cents, as a lender's worksheet does.
 *
 * <p>Category rules (ratios as rounded, limits from {@link Limits}):
 * <ul>
 *   <li>INSUFFICIENT_DATA: income unknown or zero, loan amount not determinable, or no interest rate;</li>
 *   <li>UNLIKELY: back-end DTI above 43 % (the ability-to-repay ceiling; or the back-end limit if higher),
 *       credit score below 580, or LTV above 97 %;</li>
 *   <li>BORDERLINE: a DTI above its limit, credit score 580–619, or LTV above 95 %;</li>
 *   <li>STRONG: credit score 740 or more and LTV 80 % or less (both known) and back-end DTI within the
 *       front-end limit;</li>
 *   <li>QUALIFIES otherwise. A missing credit score or property value is not held against the borrower, but
 *       STRONG needs both.</li>
 * </ul>
 *
 * @throws InvalidProfileException for combinations that describe no loan
 */
public class LoanCalculator {

    public static final int DEFAULT_TERM_MONTHS = 360;

    static final String ASSUME_PI_ONLY =
            "housing payment and front-end DTI are principal and interest only (no property tax, insurance or HOA dues)";
    static final String ASSUME_GROSS = "annual income is gross income before tax";
    static final String ASSUME_TERM = "loan term of 360 months (30 years) assumed";
    static final String ASSUME_NO_DEBT = "no other monthly debts assumed (monthly debt not given)";
    static final String ASSUME_LOAN_FROM_PRICE = "loan amount = property value minus down payment";
    static final String NO_SCORE = "no credit score given: the category does not consider credit";
    static final String NO_RATE = "no interest rate given: monthly payment and largest affordable loan not computed";

    private static final MathContext MC = MathContext.DECIMAL128;
    private static final BigDecimal TWELVE = BigDecimal.valueOf(12);
    private static final BigDecimal TWELVE_HUNDRED = BigDecimal.valueOf(1200);
    private static final BigDecimal MAX_MONEY = new BigDecimal("1000000000");
    private static final BigDecimal MAX_RATE = BigDecimal.valueOf(30);
    private static final BigDecimal ATR_CEILING = new BigDecimal("0.43");
    private static final BigDecimal LTV_UNLIKELY = new BigDecimal("0.97");
    private static final BigDecimal LTV_BORDERLINE = new BigDecimal("0.95");
    private static final BigDecimal LTV_STRONG = new BigDecimal("0.80");
    private static final int CREDIT_UNLIKELY_BELOW = 580;
    private static final int CREDIT_BORDERLINE_BELOW = 620;
    private static final int CREDIT_STRONG_FROM = 740;

    private final Limits limits;

    public LoanCalculator() {
        this(Limits.DEFAULT);
    }

    public LoanCalculator(Limits limits) {
        this.limits = limits == null ? Limits.DEFAULT : limits;
    }

    public Limits limits() {
        return limits;
    }

    public LoanMetrics compute(Profile profile) {
        Profile p = profile == null ? Profile.EMPTY : profile;
        validate(p);
        List<String> assumptions = new ArrayList<>();

        BigDecimal monthlyIncome = p.annualIncome() == null ? null : p.annualIncome().divide(TWELVE, MC);
        BigDecimal debt = p.monthlyDebt();
        if (debt == null) {
            debt = BigDecimal.ZERO;
            if (monthlyIncome != null) {
                assumptions.add(ASSUME_NO_DEBT);
            }
        }
        BigDecimal loan = p.loanAmount();
        if (loan == null && p.propertyValue() != null && p.downPayment() != null) {
            loan = p.propertyValue().subtract(p.downPayment());
            assumptions.add(ASSUME_LOAN_FROM_PRICE);
        }
        int term = p.loanTermMonths() == null ? DEFAULT_TERM_MONTHS : p.loanTermMonths();
        BigDecimal monthlyRate = p.interestRate() == null ? null : p.interestRate().divide(TWELVE_HUNDRED, MC);
        boolean incomeKnown = monthlyIncome != null && monthlyIncome.signum() > 0;

        BigDecimal payment = loan != null && monthlyRate != null ? money(payment(loan, monthlyRate, term)) : null;
        if (monthlyIncome != null && monthlyIncome.signum() == 0 && payment != null
                && (payment.signum() > 0 || debt.signum() > 0)) {
            throw new InvalidProfileException(
                    "annual_income is 0: debt-to-income ratios cannot be computed for a loan or debts");
        }
        BigDecimal dtiFront = null;
        BigDecimal dtiBack = null;
        if (payment != null && incomeKnown) {
            dtiFront = ratio(payment.divide(monthlyIncome, MC));
            dtiBack = ratio(payment.add(debt).divide(monthlyIncome, MC));
        }
        BigDecimal ltv = null;
        if (loan != null && p.propertyValue() != null && p.propertyValue().signum() > 0) {
            ltv = ratio(loan.divide(p.propertyValue(), MC));
        }
        BigDecimal maxLoan = null;
        if (monthlyIncome != null && monthlyRate != null) {
            maxLoan = maxAffordable(monthlyIncome, debt, monthlyRate, term);
        }

        if (incomeKnown) {
            assumptions.add(ASSUME_GROSS);
        }
        if (payment != null || maxLoan != null) {
            assumptions.add(ASSUME_PI_ONLY);
            if (p.loanTermMonths() == null) {
                assumptions.add(ASSUME_TERM);
            }
        }
        if (maxLoan != null) {
            assumptions.add("largest affordable loan under DTI limits of " + limits.describe());
        }
        if (monthlyRate == null && (loan != null || monthlyIncome != null)) {
            assumptions.add(NO_RATE);
        }
        Category category = incomeKnown && dtiBack != null
                ? categorize(dtiFront, dtiBack, ltv, p.creditScore())
                : Category.INSUFFICIENT_DATA;
        if (category != Category.INSUFFICIENT_DATA && p.creditScore() == null) {
            assumptions.add(NO_SCORE);
        }
        return new LoanMetrics(payment, dtiFront, dtiBack, ltv, maxLoan, category, List.copyOf(assumptions));
    }

    /** Level monthly payment P·r / (1 − (1 + r)^−n); P / n at 0 %. Unrounded. */
    static BigDecimal payment(BigDecimal principal, BigDecimal monthlyRate, int months) {
        if (monthlyRate.signum() == 0) {
            return principal.divide(BigDecimal.valueOf(months), MC);
        }
        return principal.multiply(monthlyRate, MC).divide(annuityFactor(monthlyRate, months), MC);
    }

    /** 1 − (1 + r)^−n. */
    private static BigDecimal annuityFactor(BigDecimal monthlyRate, int months) {
        BigDecimal growth = BigDecimal.ONE.add(monthlyRate, MC).pow(months, MC);
        return BigDecimal.ONE.subtract(BigDecimal.ONE.divide(growth, MC), MC);
    }

    private BigDecimal maxAffordable(BigDecimal monthlyIncome, BigDecimal debt, BigDecimal monthlyRate, int months) {
        BigDecimal frontBudget = monthlyIncome.multiply(limits.front(), MC);
        BigDecimal backBudget = monthlyIncome.multiply(limits.back(), MC).subtract(debt, MC);
        BigDecimal budget = frontBudget.min(backBudget);
        if (budget.signum() <= 0) {
            return BigDecimal.ZERO.setScale(2);
        }
        BigDecimal principal = monthlyRate.signum() == 0
                ? budget.multiply(BigDecimal.valueOf(months), MC)
                : budget.multiply(annuityFactor(monthlyRate, months), MC).divide(monthlyRate, MC);
        return principal.setScale(2, RoundingMode.DOWN);
    }

    private Category categorize(BigDecimal front, BigDecimal back, BigDecimal ltv, Integer creditScore) {
        BigDecimal hardCeiling = ATR_CEILING.max(limits.back());
        if (back.compareTo(hardCeiling) > 0
                || (creditScore != null && creditScore < CREDIT_UNLIKELY_BELOW)
                || (ltv != null && ltv.compareTo(LTV_UNLIKELY) > 0)) {
            return Category.UNLIKELY;
        }
        if (front.compareTo(limits.front()) > 0 || back.compareTo(limits.back()) > 0
                || (creditScore != null && creditScore < CREDIT_BORDERLINE_BELOW)
                || (ltv != null && ltv.compareTo(LTV_BORDERLINE) > 0)) {
            return Category.BORDERLINE;
        }
        if (creditScore != null && creditScore >= CREDIT_STRONG_FROM && ltv != null
                && ltv.compareTo(LTV_STRONG) <= 0 && back.compareTo(limits.front()) <= 0) {
            return Category.STRONG;
        }
        return Category.QUALIFIES;
    }

    private static void validate(Profile p) {
        money("annual_income", p.annualIncome());
        money("monthly_debt", p.monthlyDebt());
        money("loan_amount", p.loanAmount());
        money("property_value", p.propertyValue());
        money("down_payment", p.downPayment());
        if (p.creditScore() != null && (p.creditScore() < 300 || p.creditScore() > 850)) {
            throw new InvalidProfileException("credit_score must be between 300 and 850");
        }
        if (p.interestRate() != null
                && (p.interestRate().signum() < 0 || p.interestRate().compareTo(MAX_RATE) > 0)) {
            throw new InvalidProfileException("interest_rate must be between 0 and 30 (percent per year)");
        }
        if (p.loanTermMonths() != null && (p.loanTermMonths() < 1 || p.loanTermMonths() > 600)) {
            throw new InvalidProfileException("loan_term_months must be between 1 and 600");
        }
        if (p.propertyValue() != null && p.downPayment() != null
                && p.downPayment().compareTo(p.propertyValue()) > 0) {
            throw new InvalidProfileException("down_payment must not exceed property_value");
        }
        if (p.propertyValue() != null && p.loanAmount() != null
                && p.loanAmount().compareTo(p.propertyValue()) > 0) {
            throw new InvalidProfileException("loan_amount must not exceed property_value");
        }
    }

    private static void money(String field, BigDecimal value) {
        if (value == null) {
            return;
        }
        if (value.signum() < 0) {
            throw new InvalidProfileException(field + " must not be negative");
        }
        if (value.compareTo(MAX_MONEY) > 0) {
            throw new InvalidProfileException(field + " must not exceed 1,000,000,000");
        }
    }

    private static BigDecimal money(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_EVEN);
    }

    private static BigDecimal ratio(BigDecimal value) {
        return value.setScale(4, RoundingMode.HALF_EVEN);
    }
}
