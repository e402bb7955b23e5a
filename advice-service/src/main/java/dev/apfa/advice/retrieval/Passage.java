package dev.apfa.advice.retrieval;

/**
 * One retrieved passage of the knowledge base. index-service may return only {@code doc_id} and {@code score};
 * the other fields are then null and answers cite the id alone.
 */
public record Passage(String docId, String title, String section, String source, String text, double score) {

    /** The title, or the id when the index returned no metadata. */
    public String label() {
        return title == null || title.isBlank() ? docId : title;
    }

    public boolean hasText() {
        return text != null && !text.isBlank();
    }
}
