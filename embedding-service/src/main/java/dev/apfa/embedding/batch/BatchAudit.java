package dev.apfa.embedding.batch;

import dev.apfa.contracts.EventEnvelope;
import dev.apfa.contracts.audit.v1.AuditAction;
import dev.apfa.contracts.audit.v1.AuditEvent;
import dev.apfa.contracts.audit.v1.Outcome;
import dev.apfa.messaging.outbox.Outbox;
import dev.apfa.security.CurrentUser;
import dev.apfa.support.web.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.UUID;

/**
 * {@code apfa.audit.batch.started} on {@code audit-events}, keyed by the actor: which admin started which
 * batch, from where. Written to the transactional outbox, so call it in the transaction that inserts the
 * batch row: the event commits (or rolls back) with it, and the relay sends it once committed.
 */
@Component
class BatchAudit {

    /** Who asks for a batch, and from where (the audit event's actor, source IP and request id). */
    record Origin(CurrentUser user, String sourceIp, String requestId) {
        static Origin of(CurrentUser user, HttpServletRequest request) {
            return new Origin(user, request.getRemoteAddr(), RequestIds.of(request));
        }
    }

    private final Outbox outbox;
    private final String topic;

    BatchAudit(Outbox outbox, @Value("${apfa.messaging.audit-topic:audit-events}") String topic) {
        this.outbox = outbox;
        this.topic = topic;
    }

    void started(UUID batchId, String sourceTable, long sourceVersion, Origin origin) {
        CurrentUser user = origin.user();
        AuditEvent.Actor actor = new AuditEvent.Actor(user.id(), user.displayName(), user.roleNames());
        AuditEvent event = AuditEvent.of(AuditAction.BATCH_STARTED, actor, new AuditEvent.Resource("batch", batchId.toString()),
                        Outcome.SUCCESS, origin.sourceIp(), origin.requestId())
                .withDetails(Map.of("source_table", sourceTable, "source_version", sourceVersion));
        outbox.add(topic, actor.id(), EventEnvelope.create(BatchEvents.SERVICE, event.eventType(), actor.id(), event));
    }
}
