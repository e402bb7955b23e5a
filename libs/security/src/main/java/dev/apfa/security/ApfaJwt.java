package dev.apfa.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The token rules shared by the servlet services and the reactive gateway, so both accept exactly
 * the same tokens: RS256 only, issuer, audience, expiry and not-before with a small skew, a subject,
 * and the roles claim turned into authorities with the role hierarchy on top.
 */
public final class ApfaJwt {

    public static final SignatureAlgorithm ALGORITHM = SignatureAlgorithm.RS256;

    private ApfaJwt() {
    }

    /** Issuer, audience, timestamps (with skew) and a present subject. */
    public static OAuth2TokenValidator<Jwt> validator(JwtSettings settings) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new JwtTimestampValidator(settings.clockSkew()));
        validators.add(new JwtIssuerValidator(settings.issuer()));
        validators.add(jwt -> jwt.getAudience() != null && jwt.getAudience().contains(settings.audience())
                ? OAuth2TokenValidatorResult.success()
                : failure("The token is not meant for this audience."));
        validators.add(jwt -> jwt.getSubject() != null && !jwt.getSubject().isBlank()
                && jwt.getExpiresAt() != null && jwt.getIssuedAt() != null
                ? OAuth2TokenValidatorResult.success()
                : failure("The token lacks sub, iat or exp."));
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    /** A decoder fetching keys from the JWKS URL (cached by Nimbus, refetched on an unknown kid). */
    public static NimbusJwtDecoder decoder(JwtSettings settings, OAuth2TokenValidator<Jwt> validator) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(settings.jwksUrl()).jwsAlgorithm(ALGORITHM).build();
        decoder.setJwtValidator(validator);
        return decoder;
    }

    /** user &lt; financial_advisor &lt; admin &lt; super_admin. */
    public static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.fromHierarchy("""
                ROLE_SUPER_ADMIN > ROLE_ADMIN
                ROLE_ADMIN > ROLE_FINANCIAL_ADVISOR
                ROLE_FINANCIAL_ADVISOR > ROLE_USER
                """);
    }

    /** The roles claim as {@code ROLE_*} authorities; unknown role names are ignored. */
    public static Collection<GrantedAuthority> authorities(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList(TokenClaims.ROLES);
        if (roles == null) {
            return List.of();
        }
        return roles.stream().map(Role::fromWireName).flatMap(java.util.Optional::stream)
                .map(role -> (GrantedAuthority) new SimpleGrantedAuthority(role.authority())).toList();
    }

    /** Jwt → authentication whose name is the user id ({@code sub}). */
    public static Converter<Jwt, AbstractAuthenticationToken> authenticationConverter() {
        return jwt -> new JwtAuthenticationToken(jwt, authorities(jwt), jwt.getClaimAsString(JwtClaimNames.SUB));
    }

    static OAuth2TokenValidatorResult failure(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", description, null));
    }
}
