package dev.apfa.search.caller;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the caller from the identity headers the gateway sets after checking the JWT
 * ({@code X-User-Id}, {@code X-User-Name}, {@code X-User-Roles}). Secure by default: off unless
 * {@code apfa.security.trust-gateway-headers=true}, because the headers are only trustworthy when
 * nothing but the gateway can reach this port. Replaced by any other {@link CallerResolver} bean.
 */
@Component
@ConditionalOnMissingBean(value = CallerResolver.class, ignored = GatewayHeaderCallerResolver.class)
class GatewayHeaderCallerResolver implements CallerResolver {

    private final boolean trusted;

    GatewayHeaderCallerResolver(@Value("${apfa.security.trust-gateway-headers:false}") boolean trusted) {
        this.trusted = trusted;
    }

    @Override
    public Optional<Caller> resolve(HttpServletRequest request) {
        String id = request.getHeader("X-User-Id");
        if (!trusted || id == null || id.isBlank()) {
            return Optional.empty();
        }
        String roles = request.getHeader("X-User-Roles");
        Set<String> roleSet = roles == null ? Set.of() : Arrays.stream(roles.split(","))
                .map(String::strip).filter(r -> !r.isEmpty()).collect(Collectors.toUnmodifiableSet());
        String name = request.getHeader("X-User-Name");
        return Optional.of(new Caller(id, name == null ? id : name, roleSet));
    }
}
