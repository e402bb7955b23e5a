package dev.apfa.gateway.support;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.apfa.testkit.Infra;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Builds hostile tokens against the running auth-service. Reads auth-service's current signing key
 * from PostgreSQL (stored unencrypted in the test run) so that a token can be correctly signed yet
 * wrong in one claim — the only way to prove each claim check on its own.
 */
public final class Forger {

    private final RSAKey realKey;

    public Forger() {
        Infra infra = Infra.shared();
        try (Connection connection = DriverManager.getConnection(infra.postgresJdbcUrl(), infra.postgresUsername(),
                infra.postgresPassword() == null ? "" : infra.postgresPassword());
             ResultSet rs = connection.createStatement().executeQuery(
                     "SELECT private_key FROM auth.signing_keys ORDER BY created_at DESC LIMIT 1")) {
            rs.next();
            realKey = RSAKey.parse(rs.getString(1).substring("plain:".length()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the signing key", e);
        }
    }

    public JWTClaimsSet.Builder claims(String userId, String... roles) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer("apfa-auth").audience("apfa").subject(userId)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID(UUID.randomUUID().toString()).claim("username", "forged").claim("roles", List.of(roles))
                .claim("ver", 0);
    }

    public String signWithRealKey(JWTClaimsSet claims) {
        return sign(realKey, claims);
    }

    public String signWithUnknownKey(JWTClaimsSet claims) {
        try {
            return sign(new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate(), claims);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String algNone(JWTClaimsSet claims) {
        return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(claims.toString()) + ".";
    }

    public String hs256WithPublicKey(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(realKey.getKeyID()).build(), claims);
            jwt.sign(new MACSigner(realKey.toRSAPublicKey().getEncoded()));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The payload of a genuine token edited to claim super_admin, signature kept. */
    public static String tamper(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replaceAll("\"roles\":\\[[^]]*]", "\"roles\":[\"super_admin\"]");
        return parts[0] + "." + b64(payload) + "." + parts[2];
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
