package dev.apfa.messaging.outbox;

import dev.apfa.contracts.EventEnvelope;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoredEnvelopeTest {

    private final JsonMapper mapper = JsonMapper.builder().build();

    @Test
    void readsIdAndTypeOfAStoredEnvelopeWithoutBindingIt() {
        EventEnvelope<Map<String, Object>> event = EventEnvelope.create("advice-service", "apfa.audit.advice.generated",
                "advice/1", Map.of("nested", Map.of("id", "not-this-one", "type", "nor-this")));

        StoredEnvelope stored = StoredEnvelope.of(mapper, mapper.writeValueAsString(event));

        assertThat(stored).isEqualTo(new StoredEnvelope(event.id(), "apfa.audit.advice.generated"));
    }

    @Test
    void findsThemInAnyOrderAndSkipsOtherValues() {
        String json = "{\"data\":{\"id\":\"x\",\"type\":\"y\"},\"list\":[1,{\"type\":\"z\"}],\"type\":\"t\",\"id\":\"i\"}";

        assertThat(StoredEnvelope.of(mapper, json)).isEqualTo(new StoredEnvelope("i", "t"));
    }

    @Test
    void refusesWhatIsNoEnvelope() {
        assertThatThrownBy(() -> StoredEnvelope.of(mapper, "[1]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoredEnvelope.of(mapper, "{\"id\":\"i\",\"data\":{\"type\":\"t\"}}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoredEnvelope.of(mapper, "{\"id\":1,\"type\":\"t\"}")).isInstanceOf(IllegalArgumentException.class);
    }
}
