package dev.apfa.advice.bias;

import dev.apfa.advice.loan.DecisionEngine;
import dev.apfa.advice.loan.LoanMetrics;
import dev.apfa.advice.loan.Profile;

/**
 * Fair-lending check (ECOA / Fair Housing protected attributes): flags attributes in the question,
 * re-runs the decision with each one removed and changed and requires the identical result, and scans the
 * answer for an attribute used as a reason.
 */
public class BiasChecker {

    public BiasChecker(DecisionEngine decisions) {
    }

    public BiasReport check(String redactedQuery, Profile profile, LoanMetrics decision, String answer) {
        throw new UnsupportedOperationException("being written");
    }

    /** The question with every protected-attribute mention removed: what a mitigation regenerates from. */
    public String neutralize(String redactedQuery) {
        throw new UnsupportedOperationException("being written");
    }
}
