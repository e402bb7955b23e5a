package dev.apfa.security;

import dev.apfa.testkit.MovableClock;
import dev.apfa.security.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The verified-token cache: real RS256 tokens and the real Nimbus decoder; only the clock is the test's. */
class CachingJwtDecoderTest {

    static final TestTokens TOKENS = TestTokens.start();

    private final MovableClock clock = new MovableClock(Instant.now());
    private final AtomicBoolean revoked = new AtomicBoolean();
    private final AtomicInteger verifications = new AtomicInteger();

    /** The shared checks with the test's clock for expiry, plus a revocation switch standing in for logout-all. */
    private OAuth2TokenValidator<Jwt> validator() {
        JwtTimestampValidator timestamps = new JwtTimestampValidator(TOKENS.settings().clockSkew());
        timestamps.setClock(clock);
        OAuth2TokenValidator<Jwt> revocation = jwt -> revoked.get()
                ? OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "revoked", null))
                : OAuth2TokenValidatorResult.success();
        return new DelegatingOAuth2TokenValidator<>(List.of(ApfaJwt.validator(TOKENS.settings()), timestamps, revocation));
    }

    private JwtDecoder decoder(Duration ttl) {
        OAuth2TokenValidator<Jwt> validator = validator();
        JwtDecoder nimbus = ApfaJwt.decoder(TOKENS.settings(), validator);
        JwtDecoder counting = token -> {
            verifications.incrementAndGet();
            return nimbus.decode(token);
        };
        return new CachingJwtDecoder(counting, new VerifiedTokens(validator, ttl, 100, clock));
    }

    @Test
    void aTokenIsVerifiedOnceWithinTheTtl() {
        JwtDecoder decoder = decoder(Duration.ofSeconds(60));
        String token = TOKENS.token("u-1", "alice", "user");

        Jwt first = decoder.decode(token);
        Jwt again = decoder.decode(token);

        assertThat(again.getSubject()).isEqualTo("u-1");
        assertThat(again.getClaims()).isEqualTo(first.getClaims());
        assertThat(verifications).hasValue(1);
    }

    @Test
    void afterTheTtlTheTokenIsVerifiedAgain() {
        JwtDecoder decoder = decoder(Duration.ofSeconds(60));
        String token = TOKENS.token("u-1", "alice", "user");
        decoder.decode(token);

        clock.advance(Duration.ofSeconds(61));
        decoder.decode(token);

        assertThat(verifications).hasValue(2);
    }

    @Test
    void expiryIsCheckedOnEveryUseOfARememberedToken() {
        JwtDecoder decoder = decoder(Duration.ofHours(1));
        String token = TOKENS.token("u-1", "alice", "user");
        decoder.decode(token);

        clock.advance(Duration.ofMinutes(10)); // the test token lives 5 minutes (plus 30 s skew)

        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtValidationException.class);
    }

    @Test
    void aRevokedTokenIsRefusedThoughRemembered() {
        JwtDecoder decoder = decoder(Duration.ofSeconds(60));
        String token = TOKENS.token("u-1", "alice", "user");
        decoder.decode(token);

        revoked.set(true);

        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtValidationException.class);
        revoked.set(false);
        decoder.decode(token);
        assertThat(verifications).as("the refused entry was forgotten, the token verified again").hasValue(3);
    }

    @Test
    void forgedTokensAreNeverServedFromTheCache() {
        JwtDecoder decoder = decoder(Duration.ofSeconds(60));
        decoder.decode(TOKENS.token("u-1", "alice", "user"));

        assertThatThrownBy(() -> decoder.decode(TOKENS.tampered("u-1", "alice"))).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(TOKENS.algNone("u-1", "alice", "admin"))).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(TOKENS.builder("u-1", "alice", "user").signedByStranger().sign()))
                .isInstanceOf(JwtException.class);
    }

    @Test
    void zeroTtlVerifiesEveryTime() {
        JwtDecoder decoder = decoder(Duration.ZERO);
        String token = TOKENS.token("u-1", "alice", "user");

        decoder.decode(token);
        decoder.decode(token);

        assertThat(verifications).hasValue(2);
    }

    @Test
    void theCacheIsBounded() {
        VerifiedTokens verified = new VerifiedTokens(validator(), Duration.ofSeconds(60), 3, clock);
        JwtDecoder nimbus = ApfaJwt.decoder(TOKENS.settings(), validator());
        for (int i = 0; i < 5; i++) {
            String token = TOKENS.token("u-" + i, "user" + i, "user");
            verified.remember(token, nimbus.decode(token));
        }
        assertThat(verified.size()).isLessThanOrEqualTo(3);
    }

}
