package dev.apfa.advice.loan;

import java.math.BigDecimal;

/**
 * Debt-to-income limits the largest affordable loan is computed under, as fractions of gross monthly income.
 * The defaults are the classic conventional-underwriting guide lines: 28 % of income for the housing payment
 * (front end), 36 % for housing plus all other monthly debts (back end).
 */
public record Limits(BigDecimal front, BigDecimal back) {

    public static final Limits DEFAULT = new Limits(new BigDecimal("0.28"), new BigDecimal("0.36"));

    public Limits {
        if (front == null || back == null || front.signum() <= 0 || back.signum() <= 0
                || front.compareTo(BigDecimal.ONE) > 0 || back.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("DTI limits must be fractions in (0, 1]");
        }
    }

    /** "28 % front / 36 % back", for assumptions. */
    String describe() {
        return percent(front) + " front-end / " + percent(back) + " back-end";
    }

    private static String percent(BigDecimal fraction) {
        return fraction.movePointRight(2).stripTrailingZeros().toPlainString() + " %";
    }
}
