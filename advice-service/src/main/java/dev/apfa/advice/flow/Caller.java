package dev.apfa.advice.flow;

import dev.apfa.security.CurrentUser;

/** Who asks, and what the flow needs of their request: the token to forward and what the audit event records. */
public record Caller(CurrentUser user, String bearerToken, String requestId, String sourceIp, String userAgent) {
}
