package dev.apfa.index.events;

import dev.apfa.contracts.audit.v1.AuditAction;
import dev.apfa.contracts.audit.v1.AuditEvent;
import dev.apfa.contracts.audit.v1.Outcome;
import dev.apfa.index.build.BuildTask;
import dev.apfa.index.serving.Activation;
import dev.apfa.messaging.AuditPublisher;
import dev.apfa.security.CurrentUser;
import dev.apfa.support.web.RequestIds;
import jakarta.servlet.http.HttpServletRequest;

import java.util.HashMap;
import java.util.Map;

/**
 * index-service's audit events on {@code audit-events}: which admin requested a build and which activated or
 * rolled back a version, from where ({@code apfa.audit.index.build_requested|activated|rolled_back}).
 */
public class IndexAudit {

    private final AuditPublisher audit;

    public IndexAudit(AuditPublisher audit) {
        this.audit = audit;
    }

    public void buildRequested(BuildTask task, Long sourceVersion, CurrentUser user, HttpServletRequest request) {
        Map<String, Object> details = new HashMap<>();
        details.put("build_id", task.buildId());
        if (sourceVersion != null) {
            details.put("source_version", sourceVersion);
        }
        publish(AuditAction.INDEX_BUILD_REQUESTED, new AuditEvent.Resource("index_build", task.buildId()), details, user, request);
    }

    public void activated(Activation activation, CurrentUser user, HttpServletRequest request) {
        Map<String, Object> details = new HashMap<>();
        details.put("index_name", activation.indexName());
        details.put("version", activation.version());
        if (activation.previousVersion() != null) {
            details.put("previous_version", activation.previousVersion());
        }
        AuditAction action = activation.rollback() ? AuditAction.INDEX_ROLLED_BACK : AuditAction.INDEX_ACTIVATED;
        publish(action, new AuditEvent.Resource("index_version", activation.indexName() + "/" + activation.version()),
                details, user, request);
    }

    private void publish(AuditAction action, AuditEvent.Resource resource, Map<String, Object> details, CurrentUser user,
                         HttpServletRequest request) {
        AuditEvent.Actor actor = new AuditEvent.Actor(user.id(), user.displayName(), user.roleNames());
        audit.publish(IndexEvents.SERVICE, AuditEvent.of(action, actor, resource, Outcome.SUCCESS, request.getRemoteAddr(),
                RequestIds.of(request)).withDetails(Map.copyOf(details)));
    }
}
