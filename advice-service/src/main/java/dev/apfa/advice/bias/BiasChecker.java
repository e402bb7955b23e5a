package dev.apfa.advice.bias;

import dev.apfa.advice.loan.DecisionEngine;
import dev.apfa.advice.loan.InvalidProfileException;
import dev.apfa.advice.loan.LoanMetrics;
import dev.apfa.advice.loan.Profile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Fair-lending check (ECOA / Fair Housing protected attributes): flags attributes in the question,
 * re-runs the decision with each one removed and changed and requires the identical result, and scans the
 * answer for an attribute used as a reason.
 *
 * <p>Flag details name the attribute and what happened, never the words of the question or answer: the report
 * is stored and logged, and a religion or a disability is itself sensitive.
 *
 * <p>Score: 1 − 0.05 per attribute mentioned in the question (at most 0.2; a mention is a risk, not a fault)
 * − 0.25 per answer sentence and attribute used as a reason − 0.5 per attribute whose counterfactual changed the
 * decision, clamped to [0, 1] and rounded to two decimals. {@code passed} = counterfactually consistent and no
 * answer reason; a failed check therefore always scores at most 0.75.
 */
public class BiasChecker {

    public static final String INPUT_MENTION = "INPUT_MENTION";
    public static final String ANSWER_REASON = "ANSWER_REASON";
    public static final String COUNTERFACTUAL_MISMATCH = "COUNTERFACTUAL_MISMATCH";

    private final DecisionEngine decisions;

    public BiasChecker(DecisionEngine decisions) {
        this.decisions = Objects.requireNonNull(decisions);
    }

    /**
     * @param decision the decision already made for this question and profile; when null it is computed here
     *                 (an invalid profile is then compared as an outcome of its own: the same error must follow)
     */
    public BiasReport check(String redactedQuery, Profile profile, LoanMetrics decision, String answer) {
        String query = redactedQuery == null ? "" : redactedQuery;
        List<BiasFlag> flags = new ArrayList<>();
        Map<ProtectedAttribute, Integer> mentioned = new LinkedHashMap<>();
        for (Lexicon.Mention m : Lexicon.find(query)) {
            mentioned.merge(m.attribute(), 1, Integer::sum);
        }
        List<ProtectedAttribute> attributes = mentioned.keySet().stream().sorted().toList();
        for (ProtectedAttribute a : attributes) {
            int n = mentioned.get(a);
            flags.add(new BiasFlag(a.key(), INPUT_MENTION,
                    "the question mentions " + a.label() + (n == 1 ? " once" : " " + n + " times")));
        }

        Outcome baseline = decision != null ? new Outcome(decision, null) : decide(query, profile);
        int mismatches = 0;
        for (ProtectedAttribute a : attributes) {
            for (Counterfactuals.Variant v : Counterfactuals.of(query, a)) {
                Outcome o = decide(v.text(), profile);
                if (!o.equals(baseline)) {
                    flags.add(new BiasFlag(a.key(), COUNTERFACTUAL_MISMATCH, "the decision changed when "
                            + a.label() + " was " + v.kind() + ": " + baseline.difference(o)));
                    mismatches++;
                    break;
                }
            }
        }

        List<AnswerScanner.Finding> reasons = AnswerScanner.scan(answer);
        for (AnswerScanner.Finding f : reasons) {
            flags.add(new BiasFlag(f.attribute().key(), ANSWER_REASON,
                    "answer sentence " + f.sentence() + " gives " + f.attribute().label() + " as a reason (\""
                            + f.cue() + "\")"));
        }

        boolean consistent = mismatches == 0;
        double score = 1.0 - Math.min(0.2, 0.05 * attributes.size()) - 0.25 * reasons.size() - 0.5 * mismatches;
        score = Math.round(Math.max(0.0, Math.min(1.0, score)) * 100) / 100.0;
        return new BiasReport(score, List.copyOf(flags), consistent, consistent && reasons.isEmpty());
    }

    /** The question with every protected-attribute mention removed: what a mitigation regenerates from. */
    public String neutralize(String redactedQuery) {
        if (redactedQuery == null || redactedQuery.isBlank()) {
            return redactedQuery == null ? "" : redactedQuery.trim();
        }
        List<Lexicon.Mention> all = Lexicon.find(redactedQuery);
        if (all.isEmpty()) {
            return redactedQuery;
        }
        return Counterfactuals.readable(redactedQuery, all);
    }

    /** The protected attributes (keys) mentioned in a text, in a fixed order: for classification and logs. */
    public static List<String> attributesIn(String text) {
        return Lexicon.find(text).stream().map(Lexicon.Mention::attribute).distinct().sorted()
                .map(ProtectedAttribute::key).toList();
    }

    private Outcome decide(String query, Profile profile) {
        try {
            return new Outcome(decisions.decide(query, profile), null);
        } catch (InvalidProfileException e) {
            return new Outcome(null, e.getMessage());
        }
    }

    /** A decision or the reason there is none; equal outcomes mean the attribute made no difference. */
    private record Outcome(LoanMetrics metrics, String error) {

        String difference(Outcome other) {
            if (metrics == null && other.metrics == null) {
                return "a different validation error";
            }
            if (metrics == null || other.metrics == null) {
                return "one variant was rejected as invalid and the other was not";
            }
            List<String> fields = new ArrayList<>();
            addIf(fields, "monthly_payment", metrics.monthlyPayment(), other.metrics.monthlyPayment());
            addIf(fields, "dti_front", metrics.dtiFront(), other.metrics.dtiFront());
            addIf(fields, "dti_back", metrics.dtiBack(), other.metrics.dtiBack());
            addIf(fields, "ltv", metrics.ltv(), other.metrics.ltv());
            addIf(fields, "max_affordable_loan", metrics.maxAffordableLoan(), other.metrics.maxAffordableLoan());
            addIf(fields, "category", metrics.category(), other.metrics.category());
            addIf(fields, "assumptions", metrics.assumptions(), other.metrics.assumptions());
            return String.join(", ", fields) + " differ";
        }

        private static void addIf(List<String> fields, String name, Object a, Object b) {
            if (!Objects.equals(a, b)) {
                fields.add(name);
            }
        }
    }
}
