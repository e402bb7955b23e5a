package dev.apfa.security;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * A {@link JwtDecoder} that verifies each distinct token once: a token {@link VerifiedTokens} remembers (and whose
 * claims still pass its validator) is returned without parsing or RS256 verification; any other goes to the delegate,
 * which verifies and validates it in full, and is remembered once it passed. Failures are the delegate's.
 */
public final class CachingJwtDecoder implements JwtDecoder {

    private final JwtDecoder delegate;
    private final VerifiedTokens verified;

    /** @param verified built with the same validator as the delegate's */
    public CachingJwtDecoder(JwtDecoder delegate, VerifiedTokens verified) {
        this.delegate = delegate;
        this.verified = verified;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.find(token);
        if (known != null) {
            return known;
        }
        Jwt jwt = delegate.decode(token);
        verified.remember(token, jwt);
        return jwt;
    }
}
