package dev.apfa.advice.flow;

import dev.apfa.advice.loan.Profile;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.math.BigDecimal;

/**
 * The borrower's numbers as the API receives them (snake_case on the wire), with sane ranges so that a typo
 * or an attack becomes a 400 naming the field instead of a nonsense answer. Only numbers: a profile carries
 * nothing that identifies a person.
 */
public record ProfileInput(
        @DecimalMin(value = "0", message = "must be at least 0") @DecimalMax(value = "100000000", message = "must be at most 100,000,000")
        BigDecimal annualIncome,
        @DecimalMin(value = "0", message = "must be at least 0") @DecimalMax(value = "10000000", message = "must be at most 10,000,000")
        BigDecimal monthlyDebt,
        @Min(value = 300, message = "must be at least 300") @Max(value = 850, message = "must be at most 850")
        Integer creditScore,
        @DecimalMin(value = "0", message = "must be at least 0") @DecimalMax(value = "1000000000", message = "must be at most 1,000,000,000")
        BigDecimal loanAmount,
        @DecimalMin(value = "0", message = "must be at least 0") @DecimalMax(value = "30", message = "must be at most 30 (percent per year)")
        BigDecimal interestRate,
        @Min(value = 1, message = "must be at least 1") @Max(value = 600, message = "must be at most 600")
        Integer loanTermMonths,
        @DecimalMin(value = "0", inclusive = false, message = "must be more than 0") @DecimalMax(value = "1000000000", message = "must be at most 1,000,000,000")
        BigDecimal propertyValue,
        @DecimalMin(value = "0", message = "must be at least 0") @DecimalMax(value = "1000000000", message = "must be at most 1,000,000,000")
        BigDecimal downPayment) {

    public Profile toProfile() {
        return new Profile(annualIncome, monthlyDebt, creditScore, loanAmount, interestRate, loanTermMonths,
                propertyValue, downPayment);
    }

    public static Profile toProfile(ProfileInput input) {
        return input == null ? Profile.EMPTY : input.toProfile();
    }
}
