package dev.apfa.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Settings of auth-service ({@code apfa.auth.*} in application.yml, each with an environment variable).
 * {@code keyPropagationDelay}: a new signing key is published this long before it signs, so that every
 * replica (they re-read the key table every minute) and every verifier can know it first.
 */
@ConfigurationProperties("apfa.auth")
public record AuthProperties(String issuer, String audience, Duration accessTokenTtl, Duration refreshTokenTtl,
                             Duration keyRotationInterval, Duration keyPropagationDelay, Lockout lockout, Admin admin,
                             String auditTopic) {

    /** Lock an account for {@code duration} after {@code maxFailures} failed logins within {@code window}. */
    public record Lockout(int maxFailures, Duration window, Duration duration) {
    }

    /**
     * The first super_admin, created at start-up when no user of that name exists. With {@code resetPassword}
     * (break-glass, off by default; the local run sets it so that its generated password always works) an
     * existing account of that name gets this password back, unlocked, enabled and super_admin again.
     */
    public record Admin(String username, String password, boolean resetPassword) {
    }
}
