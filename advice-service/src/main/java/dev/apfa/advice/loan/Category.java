package dev.apfa.advice.loan;

/** Qualification category of a loan decision. */
public enum Category {
    STRONG, QUALIFIES, BORDERLINE, UNLIKELY, INSUFFICIENT_DATA
}
