package dev.apfa.advice.loan;

import java.math.BigDecimal;

/**
 * The borrower's numbers from {@code POST /api/advice} (every field optional; JSON is snake_case).
 * Money in dollars, {@code interestRate} in percent per year.
 */
public record Profile(BigDecimal annualIncome, BigDecimal monthlyDebt, Integer creditScore, BigDecimal loanAmount,
                      BigDecimal interestRate, Integer loanTermMonths, BigDecimal propertyValue,
                      BigDecimal downPayment) {

    public static final Profile EMPTY = new Profile(null, null, null, null, null, null, null, null);
}
