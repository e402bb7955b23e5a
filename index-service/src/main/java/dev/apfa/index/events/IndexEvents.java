package dev.apfa.index.events;

import dev.apfa.contracts.EventEnvelope;
import dev.apfa.contracts.task.v1.IndexActivated;
import dev.apfa.contracts.task.v1.IndexBuildFailed;
import dev.apfa.contracts.task.v1.IndexBuildPublished;
import dev.apfa.contracts.task.v1.IndexBuildStarted;
import dev.apfa.index.IndexProperties;
import dev.apfa.messaging.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/** index-service's task-events (contracts {@code task.v1}), keyed as the contract says. */
public class IndexEvents {

    static final String SERVICE = "index-service";
    private static final Logger log = LoggerFactory.getLogger(IndexEvents.class);

    private final EventPublisher publisher;
    private final String topic;

    public IndexEvents(EventPublisher publisher, IndexProperties properties) {
        this.publisher = publisher;
        this.topic = properties.taskTopic();
    }

    public void started(IndexBuildStarted event) {
        send("apfa.task.index.build.started", event.buildId(), event);
    }

    public void published(IndexBuildPublished event) {
        send("apfa.task.index.build.published", event.buildId(), event);
    }

    public void failed(IndexBuildFailed event) {
        send("apfa.task.index.build.failed", event.buildId(), event);
    }

    public void activated(IndexActivated event) {
        send("apfa.task.index.activated", event.indexName(), event);
    }

    /** Waits for the broker's ack: a build's outcome is only reported once its event is durable. */
    private void send(String type, String key, Object payload) {
        EventEnvelope<Object> envelope = EventEnvelope.create(SERVICE, type, key, payload);
        try {
            publisher.publish(topic, key, envelope).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("could not publish {} for {}: {}", type, key, e.toString());
        }
    }
}
