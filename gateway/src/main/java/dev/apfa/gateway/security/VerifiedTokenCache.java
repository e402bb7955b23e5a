package dev.apfa.gateway.security;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers tokens whose signature the delegate verified (RS256 against the JWKS key of their kid),
 * for {@code ttl}, keyed by the token's SHA-256 (the cache holds no token). A remembered token is
 * not parsed or verified again, but its claims still go through the same validator on every use, so
 * expiry and not-before keep being enforced to the second; issuer, audience and algorithm are part
 * of the verified token and cannot change. Saves the RSA verification and claim parsing of every
 * request after a client's first.
 *
 * <p>Why {@code ttl} is safe: the decoder keeps the JWKS it fetched until a token names an unknown
 * kid, so a key withdrawn from the JWKS is trusted for longer than this anyway; revocation (logout-all)
 * is checked after this cache, on every request ({@link RevocationCheckingDecoder}). At most
 * {@code maxEntries} tokens; when full, expired entries are dropped, and if that is not enough, all.
 */
public class VerifiedTokenCache implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder delegate;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Duration ttl;
    private final int maxEntries;
    private final Clock clock;
    private final Map<Key, Entry> verified = new ConcurrentHashMap<>();

    public VerifiedTokenCache(ReactiveJwtDecoder delegate, OAuth2TokenValidator<Jwt> validator, Duration ttl,
                              int maxEntries, Clock clock) {
        this.delegate = delegate;
        this.validator = validator;
        this.ttl = ttl;
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

    @Override
    public Mono<Jwt> decode(String token) {
        if (ttl.isZero()) {
            return delegate.decode(token);
        }
        Key key = Key.of(token);
        long now = clock.millis();
        Entry entry = verified.get(key);
        if (entry != null && entry.until() > now && !validator.validate(entry.jwt()).hasErrors()) {
            return Mono.just(entry.jwt());
        }
        if (entry != null) {
            verified.remove(key, entry);
        }
        return delegate.decode(token).doOnNext(jwt -> remember(key, jwt, now));
    }

    private void remember(Key key, Jwt jwt, long now) {
        if (verified.size() >= maxEntries) {
            verified.values().removeIf(entry -> entry.until() <= now);
            if (verified.size() >= maxEntries) {
                verified.clear();
            }
        }
        verified.put(key, new Entry(jwt, now + ttl.toMillis()));
    }

    int size() {
        return verified.size();
    }
}
