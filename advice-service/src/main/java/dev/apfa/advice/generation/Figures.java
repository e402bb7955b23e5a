package dev.apfa.advice.generation;

import dev.apfa.advice.loan.Category;
import dev.apfa.advice.loan.LoanMetrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The computed numbers as lines of text, the same for the prompt and the local answer. */
final class Figures {

    private Figures() {
    }

    static List<String> lines(LoanMetrics metrics) {
        List<String> lines = new ArrayList<>();
        if (metrics == null) {
            return lines;
        }
        add(lines, "Estimated monthly payment (principal and interest)", money(metrics.monthlyPayment()));
        add(lines, "Front-end DTI (housing payment / gross monthly income)", percent(metrics.dtiFront()));
        add(lines, "Back-end DTI (all debt payments / gross monthly income)", percent(metrics.dtiBack()));
        add(lines, "Loan-to-value (LTV)", percent(metrics.ltv()));
        add(lines, "Largest loan affordable under the DTI limits", money(metrics.maxAffordableLoan()));
        if (metrics.category() != null) {
            lines.add("Assessment: " + metrics.category() + " (" + describe(metrics.category()) + ")");
        }
        return lines;
    }

    static List<String> assumptions(LoanMetrics metrics) {
        return metrics == null || metrics.assumptions() == null ? List.of() : metrics.assumptions();
    }

    static String describe(Category category) {
        return switch (category) {
            case STRONG -> "comfortably within common lending guidelines";
            case QUALIFIES -> "within common lending guidelines";
            case BORDERLINE -> "near the limits lenders commonly use";
            case UNLIKELY -> "above the limits most lenders use";
            case INSUFFICIENT_DATA -> "not enough numbers to judge; add income, debts and the loan details";
        };
    }

    private static void add(List<String> lines, String label, String value) {
        if (value != null) {
            lines.add(label + ": " + value);
        }
    }

    static String money(BigDecimal value) {
        if (value == null) {
            return null;
        }
        NumberFormat format = NumberFormat.getCurrencyInstance(Locale.US);
        return format.format(value.setScale(2, RoundingMode.HALF_UP));
    }

    static String percent(BigDecimal fraction) {
        if (fraction == null) {
            return null;
        }
        return fraction.movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
    }
}
