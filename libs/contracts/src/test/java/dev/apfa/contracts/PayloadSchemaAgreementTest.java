package dev.apfa.contracts;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records and schemas agree in both directions: what a producer serialises from a record with a
 * plain Jackson 3 mapper validates, and every valid sample parses into its record and serialises
 * back to the same JSON (so no field of the schema is missing from the record).
 */
class PayloadSchemaAgreementTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    /** No Spring customisation on purpose: the contract must hold for the default mapper. */
    private final JsonMapper mapper = JsonMapper.builder().build();
    private final EventValidator validator = EventValidator.shared();

    static Collection<EventType> types() {
        return EventTypes.all();
    }

    static Collection<Path> validSamples() {
        return Samples.valid();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void recordSerialisedInAnEnvelopeValidates(EventType type) {
        for (Object payload : PayloadFixtures.forType(type.type())) {
            assertThat(payload).isInstanceOf(type.payloadClass());
            EventEnvelope<Object> event = EventEnvelope.create("test-producer", type.type(), "subject-1", payload)
                    .withTraceparent(TRACEPARENT);

            String json = mapper.writeValueAsString(event);

            assertThat(validator.validate(json)).as(json).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validSamples")
    void sampleParsesIntoItsRecordAndBackWithoutLoss(Path sample) {
        String json = Samples.read(sample);
        EventType type = EventTypes.of(Samples.typeOf(sample));
        JavaType envelopeType = mapper.getTypeFactory().constructParametricType(EventEnvelope.class, type.payloadClass());

        EventEnvelope<?> event = mapper.readValue(json, envelopeType);
        JsonNode written = mapper.valueToTree(event);

        assertThat(event.data()).isInstanceOf(type.payloadClass());
        assertThat(written.equals(NUMERICALLY, mapper.readTree(json)))
                .as("round trip of %s gave %s", sample.getFileName(), written).isTrue();
    }

    /** 0 and 0.0 are the same JSON number; a long-typed record field may legitimately write either. */
    private static final Comparator<JsonNode> NUMERICALLY = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };
}
