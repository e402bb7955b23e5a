package dev.apfa.messaging;

import dev.apfa.contracts.EventEnvelope;
import dev.apfa.contracts.EventValidator;
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
        List<String> errors;
        try {
            errors = validator.validate(value);
        } catch (RuntimeException e) {
            throw new PoisonEventException("record value is not JSON: " + e.getMessage(), e);
        }
        if (!errors.isEmpty()) {
            throw new PoisonEventException("event breaks its schema: " + String.join("; ", errors));
        }
        try {
            return new ReceivedEvent(jsonMapper.readValue(value, ENVELOPE), jsonMapper);
        } catch (JacksonException e) {
            throw new PoisonEventException("event cannot be read: " + e.getOriginalMessage(), e);
        }
    }
}
