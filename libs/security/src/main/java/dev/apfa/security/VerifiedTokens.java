package dev.apfa.security;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens whose signature a decoder verified (RS256 against the JWKS key of their kid), remembered for {@code ttl}
 * and keyed by the token's SHA-256 (no token is held). A remembered token is not parsed or verified again, but its
 * claims go through the validator on every use, so expiry, not-before and the logout-all check keep being enforced;
 * issuer, audience, algorithm and signature belong to the exact token bytes and cannot change. Used by the servlet
 * services ({@link CachingJwtDecoder}) and by the gateway's reactive decoder alike.
 * <p>
 * Why {@code ttl} is safe: a decoder keeps the JWKS it fetched until a token names an unknown kid, so a key withdrawn
 * from the JWKS is trusted for longer than this anyway. At most {@code maxEntries} tokens: when full, expired entries
 * are dropped, and if that is not enough, all. Thread-safe.
 */
public final class VerifiedTokens {

    private final OAuth2TokenValidator<Jwt> validator;
    private final long ttlMillis;
    private final int maxEntries;
    private final Clock clock;
    private final Map<Key, Entry> verified = new ConcurrentHashMap<>();

    /** @param validator the checks the decoder applies to a token's claims, run again on every use of a remembered one */
    public VerifiedTokens(OAuth2TokenValidator<Jwt> validator, Duration ttl, int maxEntries, Clock clock) {
        this.validator = validator;
        this.ttlMillis = ttl.toMillis();
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    private record Entry(Jwt jwt, long until) {
    }

    /** A SHA-256 digest with value equality. */
    private record Key(byte[] digest, int hash) {

        static Key of(String token) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
                return new Key(digest, Arrays.hashCode(digest));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && MessageDigest.isEqual(digest, key.digest);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /**
     * The remembered token, if it was verified less than {@code ttl} ago and its claims pass the validator now;
     * otherwise null (and an entry that failed is forgotten): the caller then verifies it in full.
     */
    public Jwt find(String token) {
        if (ttlMillis <= 0) {
            return null;
        }
        Key key = Key.of(token);
        Entry entry = verified.get(key);
        if (entry == null) {
            return null;
        }
        if (entry.until() > clock.millis() && !validator.validate(entry.jwt()).hasErrors()) {
            return entry.jwt();
        }
        verified.remove(key, entry);
        return null;
    }

    /** Remembers a token the caller has just verified in full (signature and claims). */
    public void remember(String token, Jwt jwt) {
        if (ttlMillis <= 0) {
            return;
        }
        long now = clock.millis();
        if (verified.size() >= maxEntries) {
            verified.values().removeIf(entry -> entry.until() <= now);
            if (verified.size() >= maxEntries) {
                verified.clear();
            }
        }
        verified.put(Key.of(token), new Entry(jwt, now + ttlMillis));
    }

    /** How many tokens are remembered. */
    public int size() {
        return verified.size();
    }
}
