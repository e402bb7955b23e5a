package dev.apfa.advice.flow;

import dev.apfa.advice.bias.BiasFlag;
import dev.apfa.advice.bias.BiasReport;
import dev.apfa.advice.loan.LoanMetrics;
import dev.apfa.advice.pii.Classification;

import java.util.List;

/**
 * What an answer is, independent of the request that got it: this is what the Redis cache holds and what a
 * cache hit returns again. Holds only redacted or generated text and numbers.
 *
 * @param indexVersion    the index version the passages came from; null when retrieval was unavailable
 * @param retrievalStatus {@code ok}, or {@code unavailable} when the answer has no sources (and says so)
 */
public record AdviceBody(String advice, List<Citation> citations, LoanMetrics metrics, Bias bias,
                         Classification classification, String generator, Integer indexVersion,
                         String retrievalStatus) {

    public static final String RETRIEVAL_OK = "ok";
    public static final String RETRIEVAL_UNAVAILABLE = "unavailable";

    public record Citation(String docId, String title, double score, String snippet) {
    }

    /**
     * The bias report as returned. {@code mitigation}: {@code none}; {@code regenerated} (the first answer
     * failed, this one was generated from the question without protected attributes and passed);
     * {@code withheld} (both failed: the advice is an explanation instead of an answer).
     */
    public record Bias(double score, List<BiasFlag> flags, boolean counterfactualConsistent, boolean passed,
                       String mitigation) {

        public static Bias of(BiasReport report, String mitigation) {
            return new Bias(report.score(), report.flags(), report.counterfactualConsistent(), report.passed(), mitigation);
        }
    }
}
