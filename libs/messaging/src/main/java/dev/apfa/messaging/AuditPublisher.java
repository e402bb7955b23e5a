package dev.apfa.messaging;

import dev.apfa.contracts.EventEnvelope;
import dev.apfa.contracts.audit.v1.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an audit event of an admin action that has no database change to go with (so no outbox) to
 * {@code audit-events}, keyed by the actor's id, without making the caller wait for the broker; a failure is
 * logged. Actions that change a service's database go through {@link dev.apfa.messaging.outbox.Outbox}.
 */
public class AuditPublisher {

    private static final Logger log = LoggerFactory.getLogger(AuditPublisher.class);

    private final EventPublisher publisher;
    private final String topic;

    /** @param topic {@code audit-events}, or a private copy in tests ({@code apfa.messaging.audit-topic}) */
    public AuditPublisher(EventPublisher publisher, String topic) {
        this.publisher = publisher;
        this.topic = topic;
    }

    public void publish(String service, AuditEvent event) {
        String actorId = event.actor().id();
        EventEnvelope<AuditEvent> envelope = EventEnvelope.create(service, event.eventType(), actorId, event);
        publisher.publish(topic, actorId, envelope).whenComplete((result, error) -> {
            if (error != null) {
                log.warn("audit event {} ({}) not published: {}", envelope.id(), event.eventType(), error.getMessage());
            }
        });
    }
}
