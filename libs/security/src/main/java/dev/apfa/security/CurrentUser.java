package dev.apfa.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The caller, as the access token says: {@code id} is the user id ({@code sub}). Take it as a
 * controller method parameter (resolved by the library) or call {@link #current()}.
 */
public record CurrentUser(String id, String username, Set<Role> roles) {

    /** True when any of the caller's roles is {@code role} or above it. */
    public boolean hasAtLeast(Role role) {
        return roles.stream().anyMatch(own -> own.atLeast(role));
    }

    /** The highest role the caller holds (USER when the token carries none we know). */
    public Role highestRole() {
        return roles.stream().max(Enum::compareTo).orElse(Role.USER);
    }

    /** The roles' wire names, sorted (as audit events list them). */
    public List<String> roleNames() {
        return roles.stream().sorted().map(Role::wireName).toList();
    }

    /** The username the token names, or the id for a token without one. */
    public String displayName() {
        return username == null || username.isBlank() ? id : username;
    }

    public static Optional<CurrentUser> current() {
        return from(SecurityContextHolder.getContext().getAuthentication());
    }

    public static Optional<CurrentUser> from(Authentication authentication) {
        if (authentication instanceof JwtAuthenticationToken token) {
            return Optional.of(of(token.getToken()));
        }
        return Optional.empty();
    }

    public static CurrentUser of(Jwt jwt) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        var names = jwt.getClaimAsStringList(TokenClaims.ROLES);
        if (names != null) {
            names.forEach(name -> Role.fromWireName(name).ifPresent(roles::add));
        }
        return new CurrentUser(jwt.getSubject(), jwt.getClaimAsString(TokenClaims.USERNAME), Set.copyOf(roles));
    }
}
