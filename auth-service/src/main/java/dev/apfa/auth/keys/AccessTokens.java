package dev.apfa.auth.keys;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.apfa.auth.AuthProperties;
import dev.apfa.auth.user.UserAccount;
import dev.apfa.security.TokenClaims;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/** Signs short-lived access tokens with the current key (claims in {@link TokenClaims}). */
@Component
public class AccessTokens {

    private final SigningKeys keys;
    private final AuthProperties properties;

    public AccessTokens(SigningKeys keys, AuthProperties properties) {
        this.keys = keys;
        this.properties = properties;
    }

    public record Issued(String token, long expiresInSeconds) {
    }

    public Issued issue(UserAccount user) {
        RSAKey key = keys.signingKey();
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(properties.issuer())
                .audience(properties.audience())
                .subject(user.getId().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(properties.accessTokenTtl())))
                .jwtID(UUID.randomUUID().toString())
                .claim(TokenClaims.USERNAME, user.getUsername())
                .claim(TokenClaims.ROLES, List.of(user.getRole().wireName()))
                .claim(TokenClaims.TOKEN_VERSION, user.getTokenVersion())
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return new Issued(jwt.serialize(), properties.accessTokenTtl().toSeconds());
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign an access token", e);
        }
    }
}
