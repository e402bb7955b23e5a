package dev.apfa.auth.login;

import dev.apfa.auth.AuthProperties;
import dev.apfa.security.TokenVersions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.UUID;

/**
 * Tells every verifier (gateway, services with Redis, this service) that a user's earlier access
 * tokens are void: the new token version, kept a little longer than an access token can live.
 */
@Component
public class TokenVersionPublisher {

    private final StringRedisTemplate redis;
    private final Duration keep;

    public TokenVersionPublisher(StringRedisTemplate redis, AuthProperties properties) {
        this.redis = redis;
        this.keep = properties.accessTokenTtl().plus(Duration.ofMinutes(5));
    }

    public void publish(UUID userId, long version) {
        redis.opsForValue().set(TokenVersions.key(userId.toString()), Long.toString(version), keep);
    }
}
