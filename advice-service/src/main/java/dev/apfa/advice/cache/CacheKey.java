package dev.apfa.advice.cache;

import dev.apfa.advice.loan.Profile;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The cache key of an answer: SHA-256 over a canonical form of everything the answer depends on — the redacted
 * question, the profile, the index version and the generator. Canonical means equal inputs give equal bytes:
 * fixed field order, numbers without trailing zeros ({@code 85000.00} = {@code 85000}), absent fields as
 * {@code -}, and each part length-prefixed so no two different inputs can run together. The key never holds the
 * text itself.
 */
public final class CacheKey {

    /** Bump when the cached value's shape or the canonical form changes. */
    static final String FORMAT = "v1";

    private CacheKey() {
    }

    public static String of(String redactedQuery, Profile profile, int indexVersion, String generatorId) {
        StringBuilder canonical = new StringBuilder();
        part(canonical, FORMAT);
        part(canonical, redactedQuery);
        part(canonical, number(profile.annualIncome()));
        part(canonical, number(profile.monthlyDebt()));
        part(canonical, profile.creditScore() == null ? "-" : profile.creditScore().toString());
        part(canonical, number(profile.loanAmount()));
        part(canonical, number(profile.interestRate()));
        part(canonical, profile.loanTermMonths() == null ? "-" : profile.loanTermMonths().toString());
        part(canonical, number(profile.propertyValue()));
        part(canonical, number(profile.downPayment()));
        part(canonical, Integer.toString(indexVersion));
        part(canonical, generatorId);
        return sha256(canonical.toString());
    }

    private static void part(StringBuilder out, String value) {
        out.append(value.length()).append(':').append(value).append(';');
    }

    private static String number(BigDecimal value) {
        return value == null ? "-" : value.stripTrailingZeros().toPlainString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
