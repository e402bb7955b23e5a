package dev.apfa.auth.audit;

import dev.apfa.auth.AuthProperties;
import dev.apfa.contracts.EventEnvelope;
import dev.apfa.contracts.audit.v1.AuditAction;
import dev.apfa.contracts.audit.v1.AuditEvent;
import dev.apfa.contracts.audit.v1.Outcome;
import dev.apfa.messaging.EventPublisher;
import dev.apfa.messaging.TraceContextAccessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;

import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Publishes auth-service's audit events ({@code apfa.audit.*} on audit-events, keyed by actor id).
 * Never a password or token: details carry ids such as {@code family_id} only.
 * <p>
 * Publishing runs on one background thread: a Kafka producer blocks the caller while it waits for
 * topic metadata (up to {@code max.block.ms}), and a login must not hang because the broker does.
 * The cost is that events still queued when the process dies are lost; an outbox table written in
 * the request's transaction would close that gap (not built yet, see the README).
 */
@Component
public class AuditTrail {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);
    static final String SERVICE = "auth-service";

    private final EventPublisher publisher;
    private final String topic;
    private final ExecutorService sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(10_000), runnable -> {
                Thread thread = new Thread(runnable, "audit-publisher");
                thread.setDaemon(true);
                return thread;
            });

    private final TraceContextAccessor traces;

    public AuditTrail(EventPublisher publisher, TraceContextAccessor traces, AuthProperties properties) {
        this.publisher = publisher;
        this.traces = traces;
        this.topic = properties.auditTopic();
    }

    public void record(AuditAction action, AuditEvent.Actor actor, AuditEvent.Resource resource, Outcome outcome,
                       RequestContext request, String reason, Map<String, Object> details) {
        AuditEvent event = new AuditEvent(actor, action.action(), resource, outcome, request.ip(), request.requestId(),
                request.userAgent(), reason, details == null ? Map.of() : details);
        EventEnvelope<AuditEvent> created = EventEnvelope.create(SERVICE, action.eventType(),
                resource.type() + "/" + resource.id(), event);
        // The trace of the request, taken here because the sending thread has none.
        EventEnvelope<AuditEvent> envelope = traces.currentTraceparent().map(created::withTraceparent).orElse(created);
        try {
            sender.execute(() -> publisher.publish(topic, actor.id(), envelope).whenComplete((result, error) -> {
                if (error != null) {
                    log.error("Audit event {} ({}) could not be published", envelope.id(), action.eventType(), error);
                }
            }));
        } catch (RejectedExecutionException e) {
            log.error("Audit event {} ({}) dropped: the publishing queue is full", envelope.id(), action.eventType());
        }
    }

    @PreDestroy
    void drain() throws InterruptedException {
        sender.shutdown();
        sender.awaitTermination(10, TimeUnit.SECONDS);
    }
}
