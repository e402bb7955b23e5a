package dev.apfa.audit.support;

import dev.apfa.contracts.EventEnvelope;
import dev.apfa.contracts.audit.v1.AuditAction;
import dev.apfa.contracts.audit.v1.AuditEvent;
import dev.apfa.contracts.audit.v1.Outcome;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Audit events as producers send them (fictional people, documentation IP ranges). */
public final class Events {

    private Events() {
    }

    public static EventEnvelope<AuditEvent> audit(AuditAction action, String userId, String username, Outcome outcome,
                                                  Map<String, Object> details) {
        AuditEvent payload = AuditEvent.of(action, new AuditEvent.Actor(userId, username, List.of("user")),
                        new AuditEvent.Resource("session", UUID.randomUUID().toString()), outcome, "192.0.2.10",
                        UUID.randomUUID().toString())
                .withDetails(details);
        return EventEnvelope.create("auth-service", payload.eventType(), userId, payload);
    }

    public static EventEnvelope<AuditEvent> loginSucceeded(String userId) {
        return audit(AuditAction.LOGIN_SUCCEEDED, userId, "casey", Outcome.SUCCESS, Map.of());
    }

    public static EventEnvelope<AuditEvent> loginFailed(String username, String ip) {
        AuditEvent payload = AuditEvent.of(AuditAction.LOGIN_FAILED, AuditEvent.Actor.unknown(username),
                new AuditEvent.Resource("session", "none"), Outcome.FAILURE, ip, UUID.randomUUID().toString())
                .withReason("bad credentials");
        return EventEnvelope.create("auth-service", payload.eventType(), AuditEvent.UNKNOWN_ACTOR_ID, payload);
    }
}
