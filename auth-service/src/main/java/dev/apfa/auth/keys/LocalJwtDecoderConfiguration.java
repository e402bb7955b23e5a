package dev.apfa.auth.keys;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.apfa.security.ApfaJwt;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * auth-service verifies its own tokens from its key table rather than over HTTP from itself; the
 * checks (issuer, audience, expiry, token version) are libs/security's, as in every other service.
 */
@Configuration(proxyBeanMethods = false)
class LocalJwtDecoderConfiguration {

    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, OAuth2TokenValidator<Jwt> apfaJwtValidator) {
        JWKSource<SecurityContext> source = (selector, context) -> selector.select(keys.publicKeys());
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(source).jwsAlgorithm(ApfaJwt.ALGORITHM).build();
        decoder.setJwtValidator(apfaJwtValidator);
        return decoder;
    }
}
