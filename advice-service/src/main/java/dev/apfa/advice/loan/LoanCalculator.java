package dev.apfa.advice.loan;

/**
 * Amortization (also at 0 %), front/back-end DTI, LTV, the largest loan affordable under the DTI limits,
 * and a qualification category. Pure and deterministic.
 *
 * @throws InvalidProfileException for combinations that describe no loan
 */
public class LoanCalculator {

    public LoanMetrics compute(Profile profile) {
        throw new UnsupportedOperationException("being written");
    }
}
