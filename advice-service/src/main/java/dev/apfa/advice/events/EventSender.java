package dev.apfa.advice.events;

import dev.apfa.contracts.EventEnvelope;
import dev.apfa.messaging.EventPublisher;
import dev.apfa.messaging.TraceContextAccessor;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Publishes advice-service's metrics-stream records on one background thread: a Kafka producer blocks its caller
 * while it waits for metadata, and an answer must not wait for the broker. The request's trace is stamped before
 * the hand-off. A per-request metric is lossy by design (records queued when the process dies are lost); the
 * audit event, which must not be lost, goes through the outbox instead ({@link AdviceAudit}).
 */
@Component
public class EventSender {

    private static final Logger log = LoggerFactory.getLogger(EventSender.class);

    private final EventPublisher publisher;
    private final TraceContextAccessor traces;
    private final ExecutorService sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(10_000), runnable -> {
                Thread thread = new Thread(runnable, "advice-events");
                thread.setDaemon(true);
                return thread;
            });

    public EventSender(EventPublisher publisher, TraceContextAccessor traces) {
        this.publisher = publisher;
        this.traces = traces;
    }

    public void send(String topic, String key, EventEnvelope<?> event) {
        EventEnvelope<?> traced = event.traceparent() != null ? event
                : traces.currentTraceparent().<EventEnvelope<?>>map(event::withTraceparent).orElse(event);
        try {
            sender.execute(() -> publisher.publish(topic, key, traced).whenComplete((result, error) -> {
                if (error != null) {
                    log.error("event {} ({}) could not be published: {}", traced.id(), traced.type(),
                            error.getClass().getSimpleName());
                }
            }));
        } catch (RejectedExecutionException e) {
            log.error("event {} ({}) dropped: the publishing queue is full", traced.id(), traced.type());
        }
    }

    @PreDestroy
    void drain() throws InterruptedException {
        sender.shutdown();
        sender.awaitTermination(10, TimeUnit.SECONDS);
    }
}
