package dev.apfa.lakehouse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A row of {@code knowledge_base} (or of a synthetic corpus table): one passage to embed and cite. */
public record Document(String id, String title, String section, String source, String text) {

    /**
     * SHA-256 of what the embedding depends on (title and text). Embeddings with the same hash and
     * model are reused by later batches.
     */
    public String contentHash() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(nullToEmpty(title).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(nullToEmpty(text).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the model embeds: the title gives a short passage its topic. */
    public String embeddingText() {
        return title == null || title.isBlank() ? nullToEmpty(text) : title + ". " + nullToEmpty(text);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
