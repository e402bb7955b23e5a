package dev.apfa.gateway.security;

import dev.apfa.testkit.MovableClock;
import dev.apfa.security.VerifiedTokens;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the cache may skip (verifying a token already verified) and what it may not (expiry, refusals). */
class VerifiedTokenCacheTest {

    static final Instant NOW = Instant.parse("2026-11-29T00:00:00Z");

    /** Stands in for the Nimbus decoder: "good-*" tokens verify, anything else is refused. */
    static final class Verifier implements ReactiveJwtDecoder {
        final AtomicInteger calls = new AtomicInteger();
        Instant expiresAt = NOW.plusSeconds(900);

        @Override
        public Mono<Jwt> decode(String token) {
            calls.incrementAndGet();
            if (!token.startsWith("good-")) {
                return Mono.error(new BadJwtException("bad signature"));
            }
            return Mono.just(Jwt.withTokenValue(token).header("alg", "RS256").subject(token)
                    .issuedAt(NOW.minusSeconds(60)).expiresAt(expiresAt).build());
        }
    }

    final Verifier verifier = new Verifier();
    final MovableClock clock = new MovableClock(NOW);

    VerifiedTokenCache cache(Duration ttl, int max) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ofSeconds(30));
        timestamps.setClock(clock);
        return new VerifiedTokenCache(verifier, new VerifiedTokens(timestamps, ttl, max, clock));
    }

    @Test
    void aVerifiedTokenIsNotVerifiedAgainWithinItsTimeToLive() {
        VerifiedTokenCache cache = cache(Duration.ofSeconds(60), 10);
        assertThat(cache.decode("good-a").block().getSubject()).isEqualTo("good-a");
        assertThat(cache.decode("good-a").block().getSubject()).isEqualTo("good-a");
        assertThat(verifier.calls).hasValue(1);
        cache.decode("good-b").block();
        assertThat(verifier.calls).hasValue(2);

        clock.set(NOW.plusSeconds(61));
        cache.decode("good-a").block();
        assertThat(verifier.calls).as("verified again after the time to live").hasValue(3);
    }

    @Test
    void refusedTokensAreNeverRemembered() {
        VerifiedTokenCache cache = cache(Duration.ofSeconds(60), 10);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> cache.decode("forged").block()).isInstanceOf(BadJwtException.class);
        }
        assertThat(verifier.calls).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void expiryIsCheckedOnEveryUse() {
        verifier.expiresAt = NOW.plusSeconds(10);
        VerifiedTokenCache cache = cache(Duration.ofSeconds(600), 10);
        cache.decode("good-short").block();
        cache.decode("good-short").block();
        assertThat(verifier.calls).hasValue(1);
        // 10 s of lifetime and 30 s of skew later the remembered token fails its validator: back to the verifier.
        clock.set(NOW.plusSeconds(41));
        cache.decode("good-short").block();
        assertThat(verifier.calls).hasValue(2);
    }

    @Test
    void theCacheStaysBoundedAndZeroTurnsItOff() {
        VerifiedTokenCache cache = cache(Duration.ofSeconds(60), 10);
        for (int i = 0; i < 25; i++) {
            cache.decode("good-" + i).block();
        }
        assertThat(cache.size()).isLessThanOrEqualTo(10);

        VerifiedTokenCache off = cache(Duration.ZERO, 10);
        off.decode("good-z").block();
        off.decode("good-z").block();
        assertThat(off.size()).isZero();
        assertThat(verifier.calls).hasValue(27);
    }
}
