package dev.apfa.auth.audit;

import dev.apfa.auth.AuthProperties;
import dev.apfa.contracts.EventEnvelope;
import dev.apfa.contracts.audit.v1.AuditAction;
import dev.apfa.contracts.audit.v1.AuditEvent;
import dev.apfa.contracts.audit.v1.Outcome;
import dev.apfa.messaging.outbox.Outbox;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Records auth-service's audit events ({@code apfa.audit.*} on audit-events, keyed by actor id) through the
 * transactional outbox: the event is stored with the state change it describes (or on its own, durably, before
 * the response), and the relay sends it to Kafka. A login never waits for the broker, and a crash or a Kafka
 * outage loses no event. Never a password or token: details carry ids such as {@code family_id} only.
 */
@Component
public class AuditTrail {

    public static final String SERVICE = "auth-service";

    private final Outbox outbox;
    private final String topic;

    public AuditTrail(Outbox outbox, AuthProperties properties) {
        this.outbox = outbox;
        this.topic = properties.auditTopic();
    }

    public void record(AuditAction action, AuditEvent.Actor actor, AuditEvent.Resource resource, Outcome outcome,
                       RequestContext request, String reason, Map<String, Object> details) {
        AuditEvent event = new AuditEvent(actor, action.action(), resource, outcome, request.ip(), request.requestId(),
                request.userAgent(), reason, details == null ? Map.of() : details);
        EventEnvelope<AuditEvent> envelope = EventEnvelope.create(SERVICE, action.eventType(),
                resource.type() + "/" + resource.id(), event);
        outbox.add(topic, actor.id(), envelope);
    }
}
