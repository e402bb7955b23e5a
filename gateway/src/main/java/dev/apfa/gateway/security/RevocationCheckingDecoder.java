package dev.apfa.gateway.security;

import dev.apfa.security.TokenClaims;
import dev.apfa.security.TokenVersions;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Signature and claims first (the delegate), then the logout-all check: a token whose {@code ver}
 * is below the version auth-service wrote to Redis is refused ({@link TokenVersions}). Fails closed
 * when Redis cannot be asked.
 */
public class RevocationCheckingDecoder implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder delegate;
    private final ReactiveStringRedisTemplate redis;

    public RevocationCheckingDecoder(ReactiveJwtDecoder delegate, ReactiveStringRedisTemplate redis) {
        this.delegate = delegate;
        this.redis = redis;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        return delegate.decode(token).flatMap(jwt -> redis.opsForValue().get(TokenVersions.key(jwt.getSubject()))
                .map(stored -> TokenVersions.isRevoked(version(jwt), stored))
                .defaultIfEmpty(false)
                .onErrorMap(error -> new BadJwtException("revocation check unavailable", error))
                .flatMap(revoked -> revoked ? Mono.error(new BadJwtException("token revoked")) : Mono.just(jwt)));
    }

    private static Long version(Jwt jwt) {
        Object claim = jwt.getClaims().get(TokenClaims.TOKEN_VERSION);
        return claim instanceof Number number ? number.longValue() : null;
    }
}
