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

    public <T> T data(Class<T> payloadType) {
        try {
            return jsonMapper.treeToValue(envelope.data(), payloadType);
        } catch (RuntimeException e) {
            throw new PoisonEventException("payload of " + envelope.type() + " is not a " + payloadType.getSimpleName(), e);
        }
    }
}
