package dev.apfa.security.servlet;

import dev.apfa.security.TokenClaims;
import dev.apfa.security.TokenVersions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Rejects tokens issued before the user's last logout-all (see {@link TokenVersions}). Fails closed:
 * when Redis cannot be asked, the token is refused rather than trusted.
 */
public class RedisTokenVersionValidator implements OAuth2TokenValidator<Jwt> {

    private final StringRedisTemplate redis;

    public RedisTokenVersionValidator(StringRedisTemplate redis) {
        this.redis = redis;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        String stored;
        try {
            stored = redis.opsForValue().get(TokenVersions.key(jwt.getSubject()));
        } catch (RuntimeException e) {
            return fail("The token could not be checked for revocation.");
        }
        Object claim = jwt.getClaims().get(TokenClaims.TOKEN_VERSION);
        Long version = claim instanceof Number number ? number.longValue() : null;
        return TokenVersions.isRevoked(version, stored) ? fail("The token has been revoked.") : OAuth2TokenValidatorResult.success();
    }

    private static OAuth2TokenValidatorResult fail(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", description, null));
    }
}
