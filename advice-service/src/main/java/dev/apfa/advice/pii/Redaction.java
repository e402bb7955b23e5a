package dev.apfa.advice.pii;

import java.util.Map;

/** Redacted text and how many of each kind of personal data were removed (never the values). */
public record Redaction(String text, Map<PiiType, Integer> found) {

    public boolean anyFound() {
        return !found.isEmpty();
    }
}
