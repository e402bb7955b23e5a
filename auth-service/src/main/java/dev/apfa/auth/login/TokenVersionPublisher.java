package dev.apfa.auth.login;

import dev.apfa.auth.AuthProperties;
import dev.apfa.security.TokenVersions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Tells every verifier (gateway, services with Redis, this service) that a user's earlier access
 * tokens are void: the new token version, kept a little longer than an access token can live, and
 * announced on {@link TokenVersions#CHANNEL} for verifiers that keep versions in memory. One script does
 * both, so Redis never holds a version nobody was told of (a verifier would go on trusting its copy).
 */
@Component
public class TokenVersionPublisher {

    private static final RedisScript<Long> SET_AND_ANNOUNCE = RedisScript.of("""
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return redis.call('PUBLISH', ARGV[3], ARGV[4])""", Long.class);

    private final StringRedisTemplate redis;
    private final Duration keep;

    public TokenVersionPublisher(StringRedisTemplate redis, AuthProperties properties) {
        this.redis = redis;
        this.keep = properties.accessTokenTtl().plus(Duration.ofMinutes(5));
    }

    public void publish(UUID userId, long version) {
        String user = userId.toString();
        redis.execute(SET_AND_ANNOUNCE, List.of(TokenVersions.key(user)), Long.toString(version),
                Long.toString(keep.toMillis()), TokenVersions.CHANNEL, TokenVersions.announcement(user, version));
    }
}
