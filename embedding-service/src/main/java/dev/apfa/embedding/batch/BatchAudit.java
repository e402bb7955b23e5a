package dev.apfa.embedding.batch;

import dev.apfa.contracts.audit.v1.AuditAction;
import dev.apfa.contracts.audit.v1.AuditEvent;
import dev.apfa.contracts.audit.v1.Outcome;
import dev.apfa.messaging.AuditPublisher;
import dev.apfa.security.CurrentUser;
import dev.apfa.support.web.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

import java.util.Map;

/** {@code apfa.audit.batch.started} on {@code audit-events}: which admin started which batch, from where. */
@Component
class BatchAudit {

    private final AuditPublisher audit;

    BatchAudit(AuditPublisher audit) {
        this.audit = audit;
    }

    void started(Batch batch, CurrentUser user, HttpServletRequest request) {
        AuditEvent.Actor actor = new AuditEvent.Actor(user.id(), user.displayName(), user.roleNames());
        audit.publish(BatchEvents.SERVICE, AuditEvent.of(AuditAction.BATCH_STARTED, actor,
                        new AuditEvent.Resource("batch", batch.id().toString()), Outcome.SUCCESS,
                        request.getRemoteAddr(), RequestIds.of(request))
                .withDetails(Map.of("source_table", batch.sourceTable(), "source_version", batch.sourceVersion())));
    }
}
