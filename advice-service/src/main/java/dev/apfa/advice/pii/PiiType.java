package dev.apfa.advice.pii;

/** Kinds of personal data the redactor finds; each is replaced by {@code [REDACTED_<TYPE>]}. */
public enum PiiType {
    SSN, CARD_NUMBER, BANK_ACCOUNT, ROUTING_NUMBER, EMAIL, PHONE, DATE_OF_BIRTH
}
