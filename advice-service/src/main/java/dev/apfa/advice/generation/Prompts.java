package dev.apfa.advice.generation;

import dev.apfa.advice.retrieval.Passage;

import java.util.List;

/** The Bedrock prompt: a fixed system text, then the redacted question, the computed numbers and the numbered passages. */
final class Prompts {

    static final String SYSTEM = """
            You are APFA, an assistant that explains loans and mortgages for education. Answer the question using \
            only the computed figures and the numbered passages you are given. Cite every statement taken from a \
            passage with its number in square brackets, e.g. [2]. Use the computed figures exactly as given; do not \
            calculate different ones. Personal data in the question was replaced by placeholders such as \
            [REDACTED_EMAIL]; never ask for it. Never use race, color, religion, national origin, sex, marital status, \
            age, familial status, disability or receipt of public assistance as a reason for anything. If no passages \
            are given, say that the knowledge base was unavailable and answer from the figures alone. End with one \
            sentence saying that this is educational information, not financial advice, and suggesting a licensed \
            loan officer or housing counselor.""";

    private Prompts() {
    }

    static String user(GenerationRequest request) {
        StringBuilder out = new StringBuilder("Question (personal data redacted):\n").append(request.question()).append("\n\n");
        List<String> figures = Figures.lines(request.metrics());
        out.append("Computed figures (deterministic, from the borrower's profile):\n");
        if (figures.isEmpty()) {
            out.append("- none: the profile gives no income, debts or loan amount\n");
        }
        figures.forEach(line -> out.append("- ").append(line).append('\n'));
        Figures.assumptions(request.metrics()).forEach(line -> out.append("- Assumption: ").append(line).append('\n'));
        out.append('\n');
        if (!request.retrievalAvailable()) {
            out.append("Passages: none (the knowledge base was unavailable).\n");
        } else if (request.passages().isEmpty()) {
            out.append("Passages: none matched the question.\n");
        } else {
            out.append("Passages:\n");
            for (int i = 0; i < request.passages().size(); i++) {
                Passage passage = request.passages().get(i);
                out.append('[').append(i + 1).append("] ").append(passage.label());
                if (passage.section() != null) {
                    out.append(" (").append(passage.section()).append(')');
                }
                out.append('\n');
                if (passage.hasText()) {
                    out.append(passage.text().strip()).append('\n');
                }
            }
        }
        return out.toString();
    }
}
