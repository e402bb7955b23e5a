package dev.apfa.advice.bias;

/**
 * One finding of the bias check. {@code kind}: {@code INPUT_MENTION} (a protected attribute in the question),
 * {@code ANSWER_REASON} (the answer uses one as a reason), {@code COUNTERFACTUAL_MISMATCH} (the decision
 * changed when the attribute was removed or changed).
 */
public record BiasFlag(String attribute, String kind, String detail) {
}
