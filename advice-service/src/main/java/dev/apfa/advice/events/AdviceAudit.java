package dev.apfa.advice.events;

import dev.apfa.advice.AdviceProperties;
import dev.apfa.contracts.EventEnvelope;
import dev.apfa.contracts.audit.v1.AuditAction;
import dev.apfa.contracts.audit.v1.AuditEvent;
import dev.apfa.contracts.audit.v1.Outcome;
import dev.apfa.security.CurrentUser;
import dev.apfa.security.Role;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code apfa.audit.advice.generated} on audit-events, keyed by the user id: who got which answer (id, how it
 * was made, its class and bias outcome). Never the question or the answer: those stay in advice history.
 */
@Component
public class AdviceAudit {

    static final String SERVICE = "advice-service";
    private static final int MAX_USER_AGENT = 512;

    private final EventSender sender;
    private final String topic;

    public AdviceAudit(EventSender sender, AdviceProperties properties) {
        this.sender = sender;
        this.topic = properties.topics().audit();
    }

    /** @param details scalars only, snake_case keys (the audit schema checks both) */
    public void generated(CurrentUser user, UUID adviceId, String sourceIp, String requestId, String userAgent,
                          Map<String, Object> details) {
        AuditEvent.Actor actor = actor(user);
        AuditEvent event = AuditEvent.of(AuditAction.ADVICE_GENERATED, actor, new AuditEvent.Resource("advice", adviceId.toString()),
                        Outcome.SUCCESS, sourceIp, requestId)
                .withDetails(details);
        if (userAgent != null && !userAgent.isBlank()) {
            event = event.withUserAgent(userAgent.length() > MAX_USER_AGENT ? userAgent.substring(0, MAX_USER_AGENT) : userAgent);
        }
        sender.send(topic, actor.id(), EventEnvelope.create(SERVICE, event.eventType(), "advice/" + adviceId, event));
    }

    static AuditEvent.Actor actor(CurrentUser user) {
        String username = user.username() == null || user.username().isBlank() ? user.id() : user.username();
        List<String> roles = user.roles().stream().sorted().map(Role::wireName).toList();
        return new AuditEvent.Actor(user.id(), username, roles);
    }
}
