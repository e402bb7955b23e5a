package dev.apfa.advice.loan;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The decision: the profile's numbers, completed with figures stated in the (redacted) question when the
 * profile lacks them ("I earn $85,000 a year"), then {@link LoanCalculator}. Deterministic; the bias check
 * re-runs it on counterfactual questions and requires the identical result.
 *
 * <p>A profile field always wins over the text. Each figure taken from the question is named in
 * {@link LoanMetrics#assumptions()} (first, in a fixed order), so the answer can say what it understood.
 */
public class DecisionEngine {

    private final LoanCalculator calculator;
    private final QueryFigures figures = new QueryFigures();

    public DecisionEngine() {
        this(new LoanCalculator());
    }

    public DecisionEngine(LoanCalculator calculator) {
        this.calculator = calculator;
    }

    public LoanMetrics decide(String redactedQuery, Profile profile) {
        Completed completed = complete(redactedQuery, profile);
        LoanMetrics computed;
        try {
            computed = calculator.compute(completed.profile());
        } catch (InvalidProfileException e) {
            if (completed.fromQuestion().isEmpty()) {
                throw e;
            }
            throw new InvalidProfileException(e.getMessage() + " (with figures stated in the question)");
        }
        if (completed.fromQuestion().isEmpty()) {
            return computed;
        }
        List<String> assumptions = new ArrayList<>(completed.fromQuestion());
        assumptions.addAll(computed.assumptions());
        return new LoanMetrics(computed.monthlyPayment(), computed.dtiFront(), computed.dtiBack(), computed.ltv(),
                computed.maxAffordableLoan(), computed.category(), List.copyOf(assumptions));
    }

    /** The profile as the calculator sees it, and which fields came from the question. */
    public record Completed(Profile profile, List<String> fromQuestion) {
    }

    public Completed complete(String redactedQuery, Profile profile) {
        Profile p = profile == null ? Profile.EMPTY : profile;
        QueryFigures.Found f = figures.read(redactedQuery);
        List<String> notes = new ArrayList<>();
        BigDecimal income = pick(p.annualIncome(), f.annualIncome(),
                f.incomeBasis() == null ? "annual income" : "annual income (" + f.incomeBasis() + ")", notes);
        BigDecimal debt = pick(p.monthlyDebt(), f.monthlyDebt(), "monthly debt payments", notes);
        Integer score = p.creditScore();
        if (score == null && f.creditScore() != null) {
            score = f.creditScore();
            notes.add("credit score " + score + " taken from the question");
        }
        BigDecimal loan = pick(p.loanAmount(), f.loanAmount(), "loan amount", notes);
        BigDecimal rate = p.interestRate();
        if (rate == null && f.interestRate() != null) {
            rate = f.interestRate();
            notes.add("interest rate " + rate.stripTrailingZeros().toPlainString() + " % taken from the question");
        }
        Integer term = p.loanTermMonths();
        if (term == null && f.loanTermMonths() != null) {
            term = f.loanTermMonths();
            notes.add("loan term of " + term + " months taken from the question");
        }
        BigDecimal price = pick(p.propertyValue(), f.propertyValue(), "property value", notes);
        BigDecimal down = pick(p.downPayment(), f.downPayment(), "down payment", notes);
        if (down == null && f.downPercent() != null && price != null) {
            down = price.multiply(f.downPercent()).movePointLeft(2).setScale(2, RoundingMode.HALF_EVEN);
            notes.add("down payment of " + f.downPercent().stripTrailingZeros().toPlainString()
                    + " % of the property value (" + dollars(down) + ") taken from the question");
        }
        return new Completed(new Profile(income, debt, score, loan, rate, term, price, down), List.copyOf(notes));
    }

    private static BigDecimal pick(BigDecimal fromProfile, BigDecimal fromText, String what, List<String> notes) {
        if (fromProfile != null || fromText == null) {
            return fromProfile;
        }
        notes.add(what + " of " + dollars(fromText) + " taken from the question");
        return fromText;
    }

    static String dollars(BigDecimal amount) {
        return String.format(Locale.ROOT, "$%,.2f", amount);
    }
}
