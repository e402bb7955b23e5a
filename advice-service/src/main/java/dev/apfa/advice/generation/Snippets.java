package dev.apfa.advice.generation;

/** Short extracts of passage text for answers and citations. */
public final class Snippets {

    private Snippets() {
    }

    /** Whole sentences from the start of {@code text} up to about {@code max} characters (at least one, clipped). */
    public static String of(String text, int max) {
        if (text == null) {
            return null;
        }
        String clean = text.strip().replaceAll("\\s+", " ");
        if (clean.length() <= max) {
            return clean;
        }
        int end = -1;
        for (int i = 0; i < clean.length() && i <= max; i++) {
            char c = clean.charAt(i);
            if ((c == '.' || c == '?' || c == '!') && (i + 1 == clean.length() || clean.charAt(i + 1) == ' ')) {
                end = i + 1;
            }
        }
        if (end > 0) {
            return clean.substring(0, end);
        }
        int space = clean.lastIndexOf(' ', max);
        return clean.substring(0, space > 0 ? space : max) + "…";
    }
}
