package dev.apfa.security.servlet;

import dev.apfa.security.TokenVersionView;
import dev.apfa.security.TokenVersions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Rejects tokens issued before the user's last logout-all (see {@link TokenVersions}). The version comes from the
 * {@link TokenVersionView} while it is subscribed to auth-service's announcements and knows the user, otherwise from
 * Redis (and is remembered). Fails closed: when Redis cannot be asked, the token is refused rather than trusted.
 */
public class RedisTokenVersionValidator implements OAuth2TokenValidator<Jwt> {

    private final StringRedisTemplate redis;
    private final TokenVersionView view;

    /** Asks Redis on every request. */
    public RedisTokenVersionValidator(StringRedisTemplate redis) {
        this(redis, null);
    }

    /** @param view the service's view of announced versions; null: ask Redis on every request */
    public RedisTokenVersionValidator(StringRedisTemplate redis, TokenVersionView view) {
        this.redis = redis;
        this.view = view != null ? view : TokenVersionView.unsubscribed();
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        TokenVersionView.Read read = view.read(jwt.getSubject());
        long current = read.version();
        if (!read.known()) {
            try {
                current = TokenVersions.parse(redis.opsForValue().get(TokenVersions.key(jwt.getSubject())));
            } catch (RuntimeException e) {
                return fail("The token could not be checked for revocation.");
            }
            read.remember(current);
        }
        return TokenVersions.isRevoked(jwt, current) ? fail("The token has been revoked.") : OAuth2TokenValidatorResult.success();
    }

    private static OAuth2TokenValidatorResult fail(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", description, null));
    }
}
