package dev.apfa.contracts.audit.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * The one payload of every {@code apfa.audit.*} type on {@code audit-events}: who did what to
 * which resource, and how it ended. Schema {@code schemas/audit-event.v1.json}; key: actor id.
 * <p>
 * Never put a password, token or secret here: the schema rejects {@code details} keys that look
 * like one, but the field values are the producer's responsibility.
 *
 * @param sourceIp  client IP as the gateway saw it; the schema requires it unless the actor is a
 *                  {@link Actor#system system} actor
 * @param requestId the gateway's {@code X-Request-Id}; for system actions, the id of the event or
 *                  job that caused it
 * @param details   action-specific scalars (string, number, boolean), snake_case keys
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEvent(
        @JsonProperty("actor") Actor actor,
        @JsonProperty("action") String action,
        @JsonProperty("resource") Resource resource,
        @JsonProperty("outcome") Outcome outcome,
        @JsonProperty("source_ip") String sourceIp,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("user_agent") String userAgent,
        @JsonProperty("reason") String reason,
        @JsonProperty("details") Map<String, Object> details) {

    /** Role name that marks a service acting on its own (no HTTP caller, no source IP). */
    public static final String SYSTEM_ROLE = "system";

    /** Actor id used when the caller could not be identified, e.g. a login with an unknown username. */
    public static final String UNKNOWN_ACTOR_ID = "unknown";

    public record Actor(
            @JsonProperty("id") String id,
            @JsonProperty("username") String username,
            @JsonProperty("roles") List<String> roles) {

        /** A service acting on its own, e.g. audit-service raising an anomaly. */
        public static Actor system(String serviceName) {
            return new Actor(serviceName, serviceName, List.of(SYSTEM_ROLE));
        }

        /** A caller who is not (yet) a known user; the attempted username is kept for burst detection. */
        public static Actor unknown(String attemptedUsername) {
            return new Actor(UNKNOWN_ACTOR_ID, attemptedUsername, List.of());
        }
    }

    /** @param type e.g. {@code user}, {@code session}, {@code advice}, {@code batch}, {@code index} */
    public record Resource(
            @JsonProperty("type") String type,
            @JsonProperty("id") String id) {
    }

    /** An event for a request-driven action, with no reason and no details. */
    public static AuditEvent of(AuditAction action, Actor actor, Resource resource, Outcome outcome,
                                String sourceIp, String requestId) {
        return new AuditEvent(actor, action.action(), resource, outcome, sourceIp, requestId, null, null, Map.of());
    }

    public AuditEvent withReason(String reason) {
        return new AuditEvent(actor, action, resource, outcome, sourceIp, requestId, userAgent, reason, details);
    }

    public AuditEvent withUserAgent(String userAgent) {
        return new AuditEvent(actor, action, resource, outcome, sourceIp, requestId, userAgent, reason, details);
    }

    public AuditEvent withDetails(Map<String, Object> details) {
        return new AuditEvent(actor, action, resource, outcome, sourceIp, requestId, userAgent, reason, details);
    }

    /** The CloudEvents type this payload belongs to. */
    public String eventType() {
        return AuditAction.TYPE_PREFIX + action;
    }
}
