package dev.apfa.security.servlet;

import dev.apfa.security.TokenClaims;
import dev.apfa.security.TokenVersionSubscription;
import dev.apfa.security.TokenVersionView;
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
import static org.awaitility.Awaitility.await;

/** The logout-all check against the real Redis, with and without the view of announced versions. */
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
    void withoutAViewALogoutAllCountsAtOnce() {
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

    /**
     * With the subscribed view: a version read once is not read again, an announced logout-all counts as soon as the
     * announcement arrives, and one written without an announcement is seen once max-age has passed.
     */
    @Test
    void withTheViewAnnouncedVersionsCountAtOnceAndOthersAfterMaxAge() {
        String user = UUID.randomUUID().toString();
        AtomicLong now = new AtomicLong();
        TokenVersionView view = new TokenVersionView(Duration.ofSeconds(5).toNanos(), 100, now::get);
        TokenVersionSubscription subscription = new TokenVersionSubscription(connections, view);
        subscription.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(view::isOpen);
            RedisTokenVersionValidator validator = new RedisTokenVersionValidator(redis, view);
            redis.opsForValue().set(TokenVersions.key(user), "1", Duration.ofMinutes(1));
            assertThat(validator.validate(token(user, 1)).hasErrors()).isFalse();

            redis.opsForValue().set(TokenVersions.key(user), "2", Duration.ofMinutes(1));
            assertThat(validator.validate(token(user, 1)).hasErrors()).as("remembered: Redis not read again").isFalse();
            now.addAndGet(Duration.ofSeconds(5).toNanos());
            assertThat(validator.validate(token(user, 1)).hasErrors()).as("after max-age").isTrue();

            redis.opsForValue().set(TokenVersions.key(user), "3", Duration.ofMinutes(1));
            redis.convertAndSend(TokenVersions.CHANNEL, TokenVersions.announcement(user, 3));
            await().atMost(Duration.ofSeconds(30)).until(() -> validator.validate(token(user, 2)).hasErrors());
            assertThat(validator.validate(token(user, 3)).hasErrors()).isFalse();
        } finally {
            subscription.stop();
            redis.delete(TokenVersions.key(user));
        }
    }

    @Test
    void aFailedReadIsRefusedAndNotRemembered() {
        LettuceConnectionFactory dead = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 1));
        dead.afterPropertiesSet();
        dead.start();
        try {
            TokenVersionView view = new TokenVersionView(Duration.ofSeconds(5).toNanos(), 100, System::nanoTime);
            view.open();
            RedisTokenVersionValidator validator = new RedisTokenVersionValidator(new StringRedisTemplate(dead), view);
            Jwt jwt = token(UUID.randomUUID().toString(), 1);
            assertThat(validator.validate(jwt).hasErrors()).isTrue();
            assertThat(validator.validate(jwt).hasErrors()).isTrue();
        } finally {
            dead.destroy();
        }
    }
}
