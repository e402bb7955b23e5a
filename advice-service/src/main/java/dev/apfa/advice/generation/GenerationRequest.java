package dev.apfa.advice.generation;

import dev.apfa.advice.loan.LoanMetrics;
import dev.apfa.advice.retrieval.Passage;

import java.util.List;

/**
 * What a generator may use: the redacted question, the computed numbers and the numbered passages (passage
 * {@code i} is cited as {@code [i+1]}). {@code retrievalAvailable} false means the knowledge base could not be
 * reached, which the answer must say.
 */
public record GenerationRequest(String question, LoanMetrics metrics, List<Passage> passages,
                                boolean retrievalAvailable) {
}
