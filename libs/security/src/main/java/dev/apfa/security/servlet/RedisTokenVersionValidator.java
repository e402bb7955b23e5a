package dev.apfa.security.servlet;

import dev.apfa.security.TokenClaims;
import dev.apfa.security.TokenVersions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Rejects tokens issued before the user's last logout-all (see {@link TokenVersions}). Fails closed:
 * when Redis cannot be asked, the token is refused rather than trusted.
 * <p>
 * With a {@code cacheTtl} above zero ({@code apfa.security.token-version-cache-ttl}), the stored version read
 * for a user is reused for that long, which saves a Redis round trip on every request of an active user:
 * a logout-all then takes effect in this service at most {@code cacheTtl} later (the gateway still checks
 * every request against Redis). Only successful reads are kept, at most {@value #MAX_ENTRIES} users (when full,
 * the cache is emptied). Zero, the default, asks Redis on every request.
 */
public class RedisTokenVersionValidator implements OAuth2TokenValidator<Jwt> {

    static final int MAX_ENTRIES = 10_000;

    private final StringRedisTemplate redis;
    private final long ttlNanos;
    private final LongSupplier nanoClock;
    private final Map<String, Stored> cache = new ConcurrentHashMap<>();

    public RedisTokenVersionValidator(StringRedisTemplate redis) {
        this(redis, Duration.ZERO);
    }

    public RedisTokenVersionValidator(StringRedisTemplate redis, Duration cacheTtl) {
        this(redis, cacheTtl, System::nanoTime);
    }

    RedisTokenVersionValidator(StringRedisTemplate redis, Duration cacheTtl, LongSupplier nanoClock) {
        this.redis = redis;
        this.ttlNanos = cacheTtl.toNanos();
        this.nanoClock = nanoClock;
    }

    /** A stored version (null: none) and until when it may be reused. */
    private record Stored(Optional<String> version, long until) {
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        String stored;
        try {
            stored = storedVersion(jwt.getSubject());
        } catch (RuntimeException e) {
            return fail("The token could not be checked for revocation.");
        }
        Object claim = jwt.getClaims().get(TokenClaims.TOKEN_VERSION);
        Long version = claim instanceof Number number ? number.longValue() : null;
        return TokenVersions.isRevoked(version, stored) ? fail("The token has been revoked.") : OAuth2TokenValidatorResult.success();
    }

    private String storedVersion(String userId) {
        if (ttlNanos <= 0) {
            return redis.opsForValue().get(TokenVersions.key(userId));
        }
        long now = nanoClock.getAsLong();
        Stored cached = cache.get(userId);
        if (cached != null && now - cached.until() < 0) {
            return cached.version().orElse(null);
        }
        String stored = redis.opsForValue().get(TokenVersions.key(userId));
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        cache.put(userId, new Stored(Optional.ofNullable(stored), now + ttlNanos));
        return stored;
    }

    private static OAuth2TokenValidatorResult fail(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", description, null));
    }
}
