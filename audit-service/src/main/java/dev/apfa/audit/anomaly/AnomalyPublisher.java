package dev.apfa.audit.anomaly;

import dev.apfa.contracts.EventEnvelope;
import dev.apfa.contracts.EventTypes;
import dev.apfa.contracts.audit.v1.AuditAction;
import dev.apfa.contracts.audit.v1.AuditEvent;
import dev.apfa.contracts.audit.v1.Outcome;
import dev.apfa.messaging.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Raises {@code apfa.audit.anomaly.detected} on {@code audit-events}, as the system actor
 * {@code audit-service}. The event id is derived from what fired (detector, subject, triggering
 * event), so a detection repeated after a redelivery is the same event and the audit sink records
 * it once.
 */
@Component
public class AnomalyPublisher {

    private static final Logger log = LoggerFactory.getLogger(AnomalyPublisher.class);
    static final String SERVICE = "audit-service";

    private final EventPublisher publisher;
    private final String topic;

    AnomalyPublisher(EventPublisher publisher, @Value("${apfa.audit.topic:audit-events}") String topic) {
        this.publisher = publisher;
        this.topic = topic;
    }

    public void raise(Anomaly anomaly) {
        AuditEvent payload = new AuditEvent(AuditEvent.Actor.system(SERVICE), AuditAction.ANOMALY_DETECTED.action(),
                new AuditEvent.Resource(anomaly.resourceType(), anomaly.resourceId()), Outcome.SUCCESS, null,
                anomaly.triggerId(), null, anomaly.description(), anomaly.details());
        String id = UUID.nameUUIDFromBytes(("anomaly|" + anomaly.detector() + "|" + anomaly.resourceType() + "|"
                + anomaly.resourceId() + "|" + anomaly.triggerId()).getBytes(StandardCharsets.UTF_8)).toString();
        String type = payload.eventType();
        EventEnvelope<AuditEvent> event = new EventEnvelope<>(EventEnvelope.SPEC_VERSION, id, EventEnvelope.sourceOf(SERVICE),
                type, Instant.now(), anomaly.resourceType() + ":" + anomaly.resourceId(), EventEnvelope.CONTENT_TYPE,
                EventTypes.dataSchemaOf(type), null, payload);
        try {
            publisher.publish(topic, SERVICE, event).get(10, TimeUnit.SECONDS);
            log.info("anomaly {} on {}/{}: {}", anomaly.detector(), anomaly.resourceType(), anomaly.resourceId(),
                    anomaly.description());
        } catch (Exception e) {
            // An alert must not stop the audit trail; the detection fires again on the next burst.
            log.warn("could not raise anomaly {} on {}/{}: {}", anomaly.detector(), anomaly.resourceType(),
                    anomaly.resourceId(), e.toString());
        }
    }

    /**
     * @param detector  e.g. {@code failed_login_burst}, {@code latency_zscore}, {@code error_rate}
     * @param triggerId id of the event that made it fire (becomes the audit event's request id)
     * @param details   scalars only, at most 32 (audit-event schema)
     */
    public record Anomaly(String detector, String resourceType, String resourceId, String triggerId,
                          String description, Map<String, Object> details) {
    }
}
