package dev.apfa.messaging;

import dev.apfa.contracts.EventEnvelope;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An event read from Kafka and checked against its schema; {@link #data(Class)} maps the payload. */
public record ReceivedEvent(EventEnvelope<JsonNode> envelope, JsonMapper jsonMapper) {

    public String id() {
        return envelope.id();
    }

    public String type() {
        return envelope.type();
    }

    /** The trace the producer published in (from the envelope's W3C traceparent), or null. */
    public String traceId() {
        return traceIdOf(envelope);
    }

    /** The trace id of any envelope's W3C traceparent, or null (e.g. of {@link EventReader#read(String, Class)}'s). */
    public static String traceIdOf(EventEnvelope<?> envelope) {
        String traceparent = envelope.traceparent();
        // 00-<32 hex trace id>-<16 hex span id>-<flags>; the schema guarantees the shape when present.
        return traceparent == null ? null : traceparent.substring(3, 35);
    }

    public <T> T data(Class<T> payloadType) {
        try {
            return jsonMapper.treeToValue(envelope.data(), payloadType);
        } catch (RuntimeException e) {
            throw new PoisonEventException("payload of " + envelope.type() + " is not a " + payloadType.getSimpleName(), e);
        }
    }
}
