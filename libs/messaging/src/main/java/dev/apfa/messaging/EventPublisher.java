package dev.apfa.messaging;

import dev.apfa.contracts.EventEnvelope;
import dev.apfa.contracts.Topic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes APFA events (CloudEvents structured JSON) to their topic. The producer is idempotent
 * with {@code acks=all} (apfa-messaging.yml); the envelope gets the caller's W3C traceparent, and
 * the template's observation puts the same trace into the record's {@code traceparent} header.
 */
public class EventPublisher {

    static final String CONTENT_TYPE_HEADER = "content-type";
    static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";
    static final String TYPE_HEADER = "ce_type";
    static final String ID_HEADER = "ce_id";

    private final KafkaTemplate<String, String> template;
    private final JsonMapper jsonMapper;
    private final TraceContextAccessor traces;

    public EventPublisher(KafkaTemplate<String, String> template, JsonMapper jsonMapper, TraceContextAccessor traces) {
        this.template = template;
        this.jsonMapper = jsonMapper;
        this.traces = traces;
    }

    /**
     * Sends the event keyed as its topic requires (see {@link Topic#key()}); the future completes
     * once the broker has acknowledged the write on all in-sync replicas.
     */
    public CompletableFuture<SendResult<String, String>> publish(Topic topic, String key, EventEnvelope<?> event) {
        return publish(topic.topicName(), key, event);
    }

    /** As {@link #publish(Topic, String, EventEnvelope)}, to a topic by name (tests use unique copies of a topic). */
    public CompletableFuture<SendResult<String, String>> publish(String topicName, String key, EventEnvelope<?> event) {
        EventEnvelope<?> traced = withCurrentTrace(event);
        return publishSerialized(topicName, key, traced.id(), traced.type(), jsonMapper.writeValueAsString(traced));
    }

    /**
     * Sends an envelope that is already serialized ({@code envelopeJson}, as {@link #publish} would write it, trace
     * included), with its {@code id} and {@code type} for the headers: the outbox relay sends its stored rows this way
     * instead of parsing and writing each one again.
     */
    public CompletableFuture<SendResult<String, String>> publishSerialized(String topicName, String key, String id,
                                                                           String type, String envelopeJson) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topicName, key, envelopeJson);
        record.headers()
                .add(CONTENT_TYPE_HEADER, STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8))
                .add(ID_HEADER, id.getBytes(StandardCharsets.UTF_8))
                .add(TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8));
        return template.send(record);
    }

    private <T> EventEnvelope<T> withCurrentTrace(EventEnvelope<T> event) {
        if (event.traceparent() != null) {
            return event;
        }
        return traces.currentTraceparent().map(event::withTraceparent).orElse(event);
    }
}
