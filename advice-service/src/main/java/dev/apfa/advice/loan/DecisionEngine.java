package dev.apfa.advice.loan;

/**
 * The decision: the profile's numbers, completed with figures stated in the (redacted) question when the
 * profile lacks them ("I earn $85,000 a year"), then {@link LoanCalculator}. Deterministic; the bias check
 * re-runs it on counterfactual questions and requires the identical result.
 */
public class DecisionEngine {

    public LoanMetrics decide(String redactedQuery, Profile profile) {
        throw new UnsupportedOperationException("being written");
    }
}
