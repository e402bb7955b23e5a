package dev.apfa.index.passages;

/**
 * Bounded text for a search hit: {@code text} is the passage up to {@link #TEXT_LIMIT} characters
 * (enough to ground an answer; the shipped corpus stays under 1,000), {@code snippet} a short
 * preview for a citation. Both cut at a word boundary and mark the cut with an ellipsis.
 */
public final class Excerpts {

    public static final int TEXT_LIMIT = 1_500;
    public static final int SNIPPET_LIMIT = 200;

    private Excerpts() {
    }

    public static String text(String text) {
        return cut(text, TEXT_LIMIT);
    }

    /** The first sentence when it fits, else the first {@link #SNIPPET_LIMIT} characters to a word boundary. */
    public static String snippet(String text) {
        if (text == null) {
            return null;
        }
        int end = text.indexOf(". ");
        if (end > 0 && end + 1 <= SNIPPET_LIMIT) {
            return text.substring(0, end + 1);
        }
        return cut(text, SNIPPET_LIMIT);
    }

    static String cut(String text, int limit) {
        if (text == null || text.length() <= limit) {
            return text;
        }
        int space = text.lastIndexOf(' ', limit - 1);
        int end = space > limit / 2 ? space : limit - 1;
        return text.substring(0, end).stripTrailing() + "…";
    }
}
