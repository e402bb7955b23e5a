package dev.apfa.advice.loan;

import java.math.BigDecimal;
import java.util.List;

/**
 * The deterministic loan numbers (the "decision"). A field is null when the inputs it needs are missing;
 * ratios are fractions (0.31 = 31 %), money is rounded to cents. {@code assumptions} says in plain words
 * what was assumed (e.g. a default term) so an answer can say it too.
 */
public record LoanMetrics(BigDecimal monthlyPayment, BigDecimal dtiFront, BigDecimal dtiBack, BigDecimal ltv,
                          BigDecimal maxAffordableLoan, Category category, List<String> assumptions) {
}
