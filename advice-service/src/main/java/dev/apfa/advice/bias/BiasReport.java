package dev.apfa.advice.bias;

import java.util.List;

/** The bias report returned with every answer: score in [0, 1] (1 = no concern). */
public record BiasReport(double score, List<BiasFlag> flags, boolean counterfactualConsistent, boolean passed) {
}
