package dev.apfa.security.testing;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.apfa.security.JwtSettings;
import dev.apfa.security.TokenClaims;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Test issuer of APFA access tokens: an RSA key whose public JWKS is served on a loopback port, so
 * the service under test validates tokens exactly as in production (fetching the JWKS over HTTP).
 * <pre>
 * static final TestTokens TOKENS = TestTokens.start();
 * &#64;DynamicPropertySource static void jwt(DynamicPropertyRegistry r) { TOKENS.properties().forEach((k, v) -&gt; r.add(k, () -&gt; v)); }
 * String bearer = TOKENS.token("user-1", "alice", "admin");
 * </pre>
 * Also builds broken tokens for attack tests ({@link #builder}, {@link #algNone}, {@link #hs256WithPublicKey}).
 */
public final class TestTokens {

    public static final String ISSUER = "apfa-auth-test";
    public static final String AUDIENCE = "apfa";

    private static TestTokens shared;

    private final RSAKey key;
    private final RSAKey strangerKey;
    private final HttpServer server;

    private TestTokens(RSAKey key, RSAKey strangerKey, HttpServer server) {
        this.key = key;
        this.strangerKey = strangerKey;
        this.server = server;
    }

    /** One issuer per JVM (the JWKS server is a daemon and lives as long as the JVM). */
    public static synchronized TestTokens start() {
        if (shared == null) {
            try {
                RSAKey key = new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate();
                RSAKey stranger = new RSAKeyGenerator(2048).keyID("stranger-" + UUID.randomUUID()).generate();
                byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                server.createContext("/jwks.json", exchange -> {
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, jwks.length);
                    exchange.getResponseBody().write(jwks);
                    exchange.close();
                });
                server.start();
                shared = new TestTokens(key, stranger, server);
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the test JWKS server", e);
            }
        }
        return shared;
    }

    public String jwksUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json";
    }

    /** Spring properties pointing libs/security at this issuer. */
    public Map<String, String> properties() {
        return Map.of("apfa.security.jwks-url", jwksUrl(),
                "apfa.security.issuer", ISSUER,
                "apfa.security.audience", AUDIENCE);
    }

    /** {@link JwtSettings} matching this issuer, for code that builds its own decoder. */
    public JwtSettings settings() {
        return new JwtSettings(jwksUrl(), ISSUER, AUDIENCE, Duration.ofSeconds(30), List.of());
    }

    /** A valid 5-minute token for the user with the given role wire names. */
    public String token(String userId, String username, String... roles) {
        return builder(userId, username, roles).sign();
    }

    public Builder builder(String userId, String username, String... roles) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER).audience(AUDIENCE).subject(userId)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID(UUID.randomUUID().toString())
                .claim(TokenClaims.USERNAME, username).claim(TokenClaims.ROLES, List.of(roles))
                .claim(TokenClaims.TOKEN_VERSION, 0);
        return new Builder(claims);
    }

    /** Builder of tokens, valid unless a test changes something. */
    public final class Builder {
        private final JWTClaimsSet.Builder claims;
        private boolean stranger;

        private Builder(JWTClaimsSet.Builder claims) {
            this.claims = claims;
        }

        public Builder claim(String name, Object value) {
            claims.claim(name, value);
            return this;
        }

        public Builder issuer(String issuer) {
            claims.issuer(issuer);
            return this;
        }

        public Builder audience(String audience) {
            claims.audience(audience);
            return this;
        }

        /** Issued and expired in the past (beyond any clock skew). */
        public Builder expired() {
            Instant past = Instant.now().minus(Duration.ofHours(2));
            claims.issueTime(Date.from(past)).expirationTime(Date.from(past.plus(Duration.ofMinutes(5))));
            return this;
        }

        /** Signed by a key that is not in the JWKS (unknown kid). */
        public Builder signedByStranger() {
            stranger = true;
            return this;
        }

        public String sign() {
            RSAKey signer = stranger ? strangerKey : key;
            try {
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID())
                        .type(JOSEObjectType.JWT).build(), claims.build());
                jwt.sign(new RSASSASigner(signer));
                return jwt.serialize();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** An unsigned token ({@code alg: none}) with otherwise valid claims. */
    public String algNone(String userId, String username, String... roles) {
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = b64(builder(userId, username, roles).claims.build().toString());
        return header + "." + payload + ".";
    }

    /** The classic key-confusion attack: HS256 with the public key's encoding as the HMAC secret. */
    public String hs256WithPublicKey(String userId, String username, String... roles) {
        try {
            byte[] secret = key.toPublicJWK().toRSAPublicKey().getEncoded();
            byte[] padded = secret.length >= 32 ? secret : java.util.Arrays.copyOf(secret, 32);
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(),
                    builder(userId, username, roles).claims.build());
            jwt.sign(new MACSigner(padded));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid token whose payload was then edited (here: roles raised to super_admin). */
    public String tampered(String userId, String username) {
        String[] parts = token(userId, username, "user").split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("[\"user\"]", "[\"super_admin\"]");
        return parts[0] + "." + b64(payload) + "." + parts[2];
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
