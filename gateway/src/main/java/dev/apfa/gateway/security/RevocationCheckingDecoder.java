package dev.apfa.gateway.security;

import dev.apfa.security.TokenVersionView;
import dev.apfa.security.TokenVersions;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Signature and claims first (the delegate), then the logout-all check: a token whose {@code ver}
 * is below the version auth-service wrote to Redis is refused ({@link TokenVersions}). The version comes from
 * the {@link TokenVersionView} while it is subscribed to auth-service's announcements and knows the user,
 * otherwise from Redis (and is remembered). Fails closed when Redis cannot be asked.
 */
public class RevocationCheckingDecoder implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder delegate;
    private final ReactiveStringRedisTemplate redis;
    private final TokenVersionView view;

    public RevocationCheckingDecoder(ReactiveJwtDecoder delegate, ReactiveStringRedisTemplate redis, TokenVersionView view) {
        this.delegate = delegate;
        this.redis = redis;
        this.view = view;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        return delegate.decode(token).flatMap(this::notRevoked);
    }

    private Mono<Jwt> notRevoked(Jwt jwt) {
        TokenVersionView.Read read = view.read(jwt.getSubject());
        if (read.known()) {
            return checked(jwt, read.version());
        }
        return redis.opsForValue().get(TokenVersions.key(jwt.getSubject()))
                .map(TokenVersions::parse)
                .defaultIfEmpty(TokenVersions.NONE)
                .onErrorMap(error -> new BadJwtException("revocation check unavailable", error))
                .doOnNext(read::remember)
                .flatMap(current -> checked(jwt, current));
    }

    private static Mono<Jwt> checked(Jwt jwt, long current) {
        return TokenVersions.isRevoked(jwt, current) ? Mono.error(new BadJwtException("token revoked")) : Mono.just(jwt);
    }
}
