package dev.apfa.security;

import org.springframework.core.env.Environment;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * How access tokens are checked, from the environment: {@code APFA_JWKS_URL}, {@code APFA_JWT_ISSUER},
 * {@code APFA_JWT_AUDIENCE} (or the {@code apfa.security.*} properties, which tests set), a clock
 * skew of 30 s, and the paths that need no token ({@code apfa.security.public-paths}, comma-separated
 * Ant patterns). Only RS256 is accepted: that is what auth-service signs with.
 */
public record JwtSettings(String jwksUrl, String issuer, String audience, Duration clockSkew, List<String> publicPaths) {

    public static final String DEFAULT_JWKS_URL = "http://127.0.0.1:8081/api/auth/.well-known/jwks.json";
    public static final String DEFAULT_ISSUER = "apfa-auth";
    public static final String DEFAULT_AUDIENCE = "apfa";

    public static JwtSettings from(Environment env) {
        return new JwtSettings(
                env.getProperty("apfa.security.jwks-url", env.getProperty("APFA_JWKS_URL", DEFAULT_JWKS_URL)),
                env.getProperty("apfa.security.issuer", env.getProperty("APFA_JWT_ISSUER", DEFAULT_ISSUER)),
                env.getProperty("apfa.security.audience", env.getProperty("APFA_JWT_AUDIENCE", DEFAULT_AUDIENCE)),
                env.getProperty("apfa.security.clock-skew", Duration.class, Duration.ofSeconds(30)),
                Arrays.stream(env.getProperty("apfa.security.public-paths", "").split(","))
                        .map(String::trim).filter(path -> !path.isEmpty()).toList());
    }
}
