package dev.apfa.security.servlet;

import dev.apfa.security.TokenClaims;
import dev.apfa.security.TokenVersions;
import dev.apfa.testkit.Infra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.jwt.Jwt;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The logout-all check against the real Redis, with and without the per-user cache of stored versions. */
class RedisTokenVersionValidatorIT {

    private static LettuceConnectionFactory connections;
    private static StringRedisTemplate redis;

    @BeforeAll
    static void connect() {
        URI uri = URI.create(Infra.shared().redisUrl());
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration(uri.getHost(), uri.getPort()));
        connections.afterPropertiesSet();
        connections.start();
        redis = new StringRedisTemplate(connections);
    }

    @AfterAll
    static void close() {
        connections.destroy();
    }

    private static Jwt token(String user, long version) {
        return Jwt.withTokenValue("t").header("alg", "RS256").subject(user).claim(TokenClaims.TOKEN_VERSION, version)
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();
    }

    @Test
    void withoutCacheALogoutAllCountsAtOnce() {
        String user = UUID.randomUUID().toString();
        RedisTokenVersionValidator validator = new RedisTokenVersionValidator(redis);
        try {
            assertThat(validator.validate(token(user, 1)).hasErrors()).isFalse();
            redis.opsForValue().set(TokenVersions.key(user), "2", Duration.ofMinutes(1));
            assertThat(validator.validate(token(user, 1)).hasErrors()).isTrue();
            assertThat(validator.validate(token(user, 2)).hasErrors()).isFalse();
        } finally {
            redis.delete(TokenVersions.key(user));
        }
    }

    @Test
    void withCacheALogoutAllCountsOnceTheTtlHasPassed() {
        String user = UUID.randomUUID().toString();
        AtomicLong now = new AtomicLong();
        RedisTokenVersionValidator validator = new RedisTokenVersionValidator(redis, Duration.ofSeconds(2), now::get);
        try {
            redis.opsForValue().set(TokenVersions.key(user), "1", Duration.ofMinutes(1));
            assertThat(validator.validate(token(user, 1)).hasErrors()).isFalse();
            redis.opsForValue().set(TokenVersions.key(user), "2", Duration.ofMinutes(1));
            now.addAndGet(Duration.ofMillis(1999).toNanos());
            assertThat(validator.validate(token(user, 1)).hasErrors()).as("within the TTL").isFalse();
            now.addAndGet(Duration.ofMillis(1).toNanos());
            assertThat(validator.validate(token(user, 1)).hasErrors()).as("after the TTL").isTrue();
            assertThat(validator.validate(token(user, 2)).hasErrors()).isFalse();
        } finally {
            redis.delete(TokenVersions.key(user));
        }
    }

    @Test
    void aFailedReadIsRefusedAndNotRemembered() {
        LettuceConnectionFactory dead = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 1));
        dead.afterPropertiesSet();
        dead.start();
        try {
            RedisTokenVersionValidator validator = new RedisTokenVersionValidator(new StringRedisTemplate(dead), Duration.ofSeconds(2));
            Jwt jwt = token(UUID.randomUUID().toString(), 1);
            assertThat(validator.validate(jwt).hasErrors()).isTrue();
            assertThat(validator.validate(jwt).hasErrors()).isTrue();
        } finally {
            dead.destroy();
        }
    }
}
