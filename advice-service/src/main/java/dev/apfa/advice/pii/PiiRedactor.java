package dev.apfa.advice.pii;

/** Finds and replaces personal data in free text (card numbers only when they pass the Luhn check). */
public class PiiRedactor {

    public Redaction redact(String text) {
        throw new UnsupportedOperationException("being written");
    }
}
