package dev.apfa.embedding.batch;

import dev.apfa.contracts.EventEnvelope;
import dev.apfa.contracts.Topic;
import dev.apfa.contracts.audit.v1.AuditAction;
import dev.apfa.contracts.audit.v1.AuditEvent;
import dev.apfa.contracts.audit.v1.Outcome;
import dev.apfa.messaging.EventPublisher;
import dev.apfa.security.CurrentUser;
import dev.apfa.security.Role;
import dev.apfa.support.web.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/** {@code apfa.audit.batch.started} on {@code audit-events}: which admin started which batch, from where. */
@Component
class BatchAudit {

    private static final Logger log = LoggerFactory.getLogger(BatchAudit.class);

    private final EventPublisher publisher;

    BatchAudit(EventPublisher publisher) {
        this.publisher = publisher;
    }

    void started(Batch batch, CurrentUser user, HttpServletRequest request) {
        AuditEvent.Actor actor = actor(user);
        AuditEvent event = AuditEvent.of(AuditAction.BATCH_STARTED, actor, new AuditEvent.Resource("batch", batch.id().toString()),
                        Outcome.SUCCESS, request.getRemoteAddr(), RequestIds.of(request))
                .withDetails(Map.of("source_table", batch.sourceTable(), "source_version", batch.sourceVersion()));
        publisher.publish(Topic.AUDIT_EVENTS, actor.id(), EventEnvelope.create(BatchEvents.SERVICE, event.eventType(), actor.id(), event))
                .whenComplete((result, error) -> {
                    if (error != null) {
                        log.warn("audit event for batch {} not published: {}", batch.id(), error.getMessage());
                    }
                });
    }

    /** The admin as the token names them; a token without a username falls back to the id (the schema needs one). */
    static AuditEvent.Actor actor(CurrentUser user) {
        String username = user.username() == null || user.username().isBlank() ? user.id() : user.username();
        List<String> roles = user.roles().stream().sorted().map(Role::wireName).toList();
        return new AuditEvent.Actor(user.id(), username, roles);
    }
}
