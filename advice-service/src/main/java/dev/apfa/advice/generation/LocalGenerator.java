package dev.apfa.advice.generation;

import dev.apfa.advice.retrieval.Passage;

import java.util.List;

/**
 * The grounded answer without a language model: the computed numbers and extracts of the retrieved passages,
 * each cited by its number, in a fixed layout. Deterministic (same input, same text) and labelled, so nobody
 * takes it for model output. It never repeats the question, so it cannot echo anything the user typed.
 */
public class LocalGenerator implements Generator {

    public static final String ID = "local";
    public static final String LABEL = "Answer composed by APFA's local grounded generator from your figures and the cited "
            + "passages (not written by an AI language model).";
    public static final String NO_SOURCES = "The knowledge base could not be reached for this question, so this answer "
            + "cites no sources and rests on your figures alone.";
    public static final String DISCLAIMER = "This is general educational information, not financial advice or a loan "
            + "offer. Talk to a licensed loan officer or a HUD-approved housing counselor before you decide.";
    static final int EXTRACT_CHARS = 280;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String generate(GenerationRequest request) {
        StringBuilder out = new StringBuilder(LABEL).append("\n\n");
        List<String> figures = Figures.lines(request.metrics());
        if (figures.isEmpty()) {
            out.append("No figures could be computed: the question and profile give no income, debts or loan amount.\n");
        } else {
            out.append("Your figures:\n");
            figures.forEach(line -> out.append("- ").append(line).append('\n'));
        }
        List<String> assumptions = Figures.assumptions(request.metrics());
        if (!assumptions.isEmpty()) {
            out.append("Assumptions: ").append(String.join("; ", assumptions)).append('\n');
        }
        out.append('\n');
        if (!request.retrievalAvailable()) {
            out.append(NO_SOURCES).append("\n\n");
        } else if (request.passages().isEmpty()) {
            out.append("No passage of the knowledge base matched this question.\n\n");
        } else {
            out.append("What the sources say:\n");
            for (int i = 0; i < request.passages().size(); i++) {
                Passage passage = request.passages().get(i);
                out.append('[').append(i + 1).append("] ").append(passage.label());
                if (passage.hasText()) {
                    out.append(": ").append(Snippets.of(passage.text(), EXTRACT_CHARS));
                }
                out.append('\n');
            }
            out.append('\n');
        }
        return out.append(DISCLAIMER).toString();
    }
}
