package dev.apfa.messaging;

import dev.apfa.contracts.EventEnvelope;
import dev.apfa.contracts.EventValidator;
import dev.apfa.contracts.InvalidEventException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

/**
 * Turns a record value into a {@link ReceivedEvent}, or throws {@link PoisonEventException} when
 * the value is not an event of the contracts: consumers never process what their schema forbids.
 */
public class EventReader {

    private static final TypeReference<EventEnvelope<JsonNode>> ENVELOPE = new TypeReference<>() {
    };

    private final JsonMapper jsonMapper;
    private final EventValidator validator;

    public EventReader(JsonMapper jsonMapper, EventValidator validator) {
        this.jsonMapper = jsonMapper;
        this.validator = validator;
    }

    public ReceivedEvent read(String value) {
        if (value == null || value.isBlank()) {
            throw new PoisonEventException("empty record value");
        }
        // Parsed once: the schema checks and the mapping to the envelope read the same tree.
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
        try {
            return new ReceivedEvent(jsonMapper.convertValue(root, ENVELOPE), jsonMapper);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new PoisonEventException("event cannot be read: " + e.getMessage(), e);
        }
    }
}
