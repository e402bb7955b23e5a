package dev.apfa.security;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Where logout-all is made visible to every verifier. auth-service raises a user's token version
 * in PostgreSQL and writes it to Redis under {@link #key(String)}, with a time-to-live a little
 * longer than the access-token lifetime (after that every older token has expired anyway), and in the
 * same step announces it on {@link #CHANNEL} as {@link #announcement(String, long)} (one Redis script, so
 * a version is never written without being announced). A verifier rejects a token whose {@code ver} claim
 * is below the stored version; one that keeps versions in memory (the gateway) learns of raised ones
 * from the channel.
 */
public final class TokenVersions {

    public static final String KEY_PREFIX = "apfa:auth:token-version:";

    /** The Redis pub/sub channel on which each raised version is announced. */
    public static final String CHANNEL = "apfa:auth:token-versions";

    /** No version stored for the user: no token of theirs has been revoked this way. */
    public static final long NONE = Long.MIN_VALUE;

    private TokenVersions() {
    }

    public static String key(String userId) {
        return KEY_PREFIX + userId;
    }

    /** The message on {@link #CHANNEL}: the user id and the new version, separated by a space. */
    public static String announcement(String userId, long version) {
        return userId + " " + version;
    }

    /** A raised version read from {@link #CHANNEL}. */
    public record Raised(String userId, long version) {

        /** @return the announcement's content, or null when the message is not one */
        public static Raised parse(String message) {
            int space = message.indexOf(' ');
            if (space <= 0) {
                return null;
            }
            try {
                return new Raised(message.substring(0, space), Long.parseLong(message.substring(space + 1)));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /** The stored value as a version: {@link #NONE} when absent or not a number. */
    public static long parse(String storedVersion) {
        if (storedVersion == null) {
            return NONE;
        }
        try {
            return Long.parseLong(storedVersion);
        } catch (NumberFormatException e) {
            return NONE;
        }
    }

    /** True when the token's {@code ver} claim (none counts as the oldest) is below {@code current}. */
    public static boolean isRevoked(Jwt token, long current) {
        Object claim = token.getClaims().get(TokenClaims.TOKEN_VERSION);
        return isRevoked(claim instanceof Number number ? number.longValue() : null, current);
    }

    /** True when a token carrying {@code tokenVersion} was issued before {@code current} ({@link #NONE}: never). */
    public static boolean isRevoked(Long tokenVersion, long current) {
        return current != NONE && (tokenVersion == null || tokenVersion < current);
    }
}
