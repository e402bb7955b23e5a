package dev.apfa.gateway.security;

import dev.apfa.security.VerifiedTokens;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * The reactive side of {@link VerifiedTokens} (libs/security, the same cache the servlet services use): a token the
 * delegate verified (RS256 against the JWKS key of its kid) is not parsed or verified again while remembered, but
 * its claims go through the validator on every use, so expiry and not-before keep being enforced to the second.
 * Revocation (logout-all) is checked after this cache, on every request ({@link RevocationCheckingDecoder}).
 */
public class VerifiedTokenCache implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder delegate;
    private final VerifiedTokens verified;

    /** @param verified built with the same validator as the delegate's */
    public VerifiedTokenCache(ReactiveJwtDecoder delegate, VerifiedTokens verified) {
        this.delegate = delegate;
        this.verified = verified;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt known = verified.find(token);
        if (known != null) {
            return Mono.just(known);
        }
        return delegate.decode(token).doOnNext(jwt -> verified.remember(token, jwt));
    }

    int size() {
        return verified.size();
    }
}
