package dev.apfa.messaging;

import dev.apfa.contracts.EventEnvelope;
import dev.apfa.contracts.EventValidator;
import dev.apfa.contracts.InvalidEventException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

/**
 * Turns a record value into a {@link ReceivedEvent}, or throws {@link PoisonEventException} when
 * the value is not an event of the contracts: consumers never process what their schema forbids.
 * A consumer that knows its payload type reads with {@link #read(String, Class)}: the validated
 * tree is mapped once, straight into the typed envelope.
 */
public class EventReader {

    private final JsonMapper jsonMapper;
    private final EventValidator validator;
    private final JavaType treeEnvelope;
    private final ClassValue<JavaType> typedEnvelopes = new ClassValue<>() {
        @Override
        protected JavaType computeValue(Class<?> payloadType) {
            return jsonMapper.getTypeFactory().constructParametricType(EventEnvelope.class, payloadType);
        }
    };

    public EventReader(JsonMapper jsonMapper, EventValidator validator) {
        this.jsonMapper = jsonMapper;
        this.validator = validator;
        this.treeEnvelope = typedEnvelopes.get(JsonNode.class);
    }

    public ReceivedEvent read(String value) {
        return new ReceivedEvent(map(validated(value), treeEnvelope), jsonMapper);
    }

    /**
     * The event with its payload mapped to {@code payloadType}, in one pass over the validated tree
     * (no intermediate envelope whose payload is mapped a second time).
     */
    public <T> EventEnvelope<T> read(String value, Class<T> payloadType) {
        return map(validated(value), typedEnvelopes.get(payloadType));
    }

    /** Parsed once: the schema checks and the mapping to the envelope read the same tree. */
    private JsonNode validated(String value) {
        if (value == null || value.isBlank()) {
            throw new PoisonEventException("empty record value");
        }
        JsonNode root;
        try {
            root = validator.parse(value);
        } catch (InvalidEventException e) {
            throw new PoisonEventException("record value is not JSON: " + String.join("; ", e.errors()), e);
        }
        List<String> errors = validator.validateTree(root);
        if (!errors.isEmpty()) {
            throw new PoisonEventException("event breaks its schema: " + String.join("; ", errors));
        }
        return root;
    }

    private <T> EventEnvelope<T> map(JsonNode root, JavaType envelopeType) {
        try {
            // treeToValue reads the tree's tokens directly (convertValue would first copy them into a buffer).
            return jsonMapper.treeToValue(root, envelopeType);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new PoisonEventException("event cannot be read: " + e.getMessage(), e);
        }
    }
}
