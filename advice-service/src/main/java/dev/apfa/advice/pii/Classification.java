package dev.apfa.advice.pii;

/** Data classification of a request or an answer, lowest to highest. */
public enum Classification {
    PUBLIC, INTERNAL, SENSITIVE, RESTRICTED
}
