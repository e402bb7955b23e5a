package dev.apfa.security;

/**
 * Where logout-all is made visible to every verifier. auth-service raises a user's token version
 * in PostgreSQL and writes it to Redis under {@link #key(String)}, with a time-to-live a little
 * longer than the access-token lifetime (after that every older token has expired anyway).
 * A verifier rejects a token whose {@code ver} claim is below the stored version.
 */
public final class TokenVersions {

    public static final String KEY_PREFIX = "apfa:auth:token-version:";

    private TokenVersions() {
    }

    public static String key(String userId) {
        return KEY_PREFIX + userId;
    }

    /** True when a token carrying {@code tokenVersion} was issued before the stored version. */
    public static boolean isRevoked(Long tokenVersion, String storedVersion) {
        if (storedVersion == null) {
            return false;
        }
        long current;
        try {
            current = Long.parseLong(storedVersion);
        } catch (NumberFormatException e) {
            return false;
        }
        return tokenVersion == null || tokenVersion < current;
    }
}
