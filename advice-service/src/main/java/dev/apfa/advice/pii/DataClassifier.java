package dev.apfa.advice.pii;

import dev.apfa.advice.loan.Profile;

/** Classifies a request (from what was redacted and the profile) and an answer. */
public class DataClassifier {

    public Classification classifyRequest(Redaction query, Profile profile) {
        throw new UnsupportedOperationException("being written");
    }

    public Classification classifyAnswer(String answer, Profile profile) {
        throw new UnsupportedOperationException("being written");
    }
}
