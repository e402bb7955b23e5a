package dev.apfa.advice.events;

import dev.apfa.advice.AdviceProperties;
import dev.apfa.contracts.EventEnvelope;
import dev.apfa.contracts.audit.v1.AuditAction;
import dev.apfa.contracts.audit.v1.AuditEvent;
import dev.apfa.contracts.audit.v1.Outcome;
import dev.apfa.messaging.outbox.Outbox;
import dev.apfa.security.CurrentUser;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.UUID;

/**
 * {@code apfa.audit.advice.generated} on audit-events, keyed by the user id: who got which answer (id, how it
 * was made, its class and bias outcome). Never the question or the answer: those stay in advice history.
 * Written to the outbox, so it commits or rolls back with the history row (call it in the same transaction).
 */
@Component
public class AdviceAudit {

    static final String SERVICE = "advice-service";
    private static final int MAX_USER_AGENT = 512;

    private final Outbox outbox;
    private final String topic;

    public AdviceAudit(Outbox outbox, AdviceProperties properties) {
        this.outbox = outbox;
        this.topic = properties.topics().audit();
    }

    /** @param details scalars only, snake_case keys (the audit schema checks both) */
    public void generated(CurrentUser user, UUID adviceId, String sourceIp, String requestId, String userAgent,
                          Map<String, Object> details) {
        AuditEvent.Actor actor = new AuditEvent.Actor(user.id(), user.displayName(), user.roleNames());
        AuditEvent event = AuditEvent.of(AuditAction.ADVICE_GENERATED, actor, new AuditEvent.Resource("advice", adviceId.toString()),
                        Outcome.SUCCESS, sourceIp, requestId)
                .withDetails(details);
        if (userAgent != null && !userAgent.isBlank()) {
            event = event.withUserAgent(userAgent.length() > MAX_USER_AGENT ? userAgent.substring(0, MAX_USER_AGENT) : userAgent);
        }
        outbox.add(topic, actor.id(), EventEnvelope.create(SERVICE, event.eventType(), "advice/" + adviceId, event));
    }
}
