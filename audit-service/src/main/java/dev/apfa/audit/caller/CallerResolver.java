package dev.apfa.audit.caller;

import jakarta.servlet.http.HttpServletRequest;

import java.util.Optional;

/**
 * The one seam between this service and authentication: libs/security (JWT resource server)
 * plugs in here by providing a bean of this type. Until then {@link GatewayHeaderCallerResolver}
 * is the only implementation, and it trusts nobody unless configured to.
 */
public interface CallerResolver {

    Optional<Caller> resolve(HttpServletRequest request);
}
