package dev.apfa.messaging.outbox;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code id} and {@code type} of an envelope stored in the outbox, read by streaming over its top-level fields
 * (they come first) instead of binding the whole event: the relay sends the stored JSON as it is and needs only
 * these two for the record's headers.
 */
record StoredEnvelope(String id, String type) {

    /** @throws IllegalArgumentException when the payload is not an envelope object with a string id and type */
    static StoredEnvelope of(JsonMapper json, String payload) {
        String id = null;
        String type = null;
        try (JsonParser parser = json.createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("The stored event is not a JSON object.");
            }
            while ((id == null || type == null) && parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_STRING && "id".equals(name)) {
                    id = parser.getString();
                } else if (value == JsonToken.VALUE_STRING && "type".equals(name)) {
                    type = parser.getString();
                } else {
                    parser.skipChildren();
                }
            }
        }
        if (id == null || type == null) {
            throw new IllegalArgumentException("The stored event lacks its id or type.");
        }
        return new StoredEnvelope(id, type);
    }
}
