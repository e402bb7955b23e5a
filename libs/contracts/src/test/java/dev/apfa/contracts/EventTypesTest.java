package dev.apfa.contracts;

import dev.apfa.contracts.audit.v1.AuditAction;
import dev.apfa.contracts.audit.v1.AuditEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventTypesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Collection<EventType> types() {
        return EventTypes.all();
    }

    static Stream<String> schemaUrns() {
        return Stream.concat(Stream.of(EventTypes.envelopeSchemaUrn()),
                EventTypes.all().stream().map(EventType::dataSchema).distinct());
    }

    @Test
    void dataSchemaOfAKnownTypeIsItsSchemaUrn() {
        assertThat(EventTypes.dataSchemaOf("apfa.task.batch.completed")).isEqualTo("urn:apfa:schema:batch-completed:v1");
        assertThat(EventTypes.dataSchemaOf("apfa.audit.login.failed")).isEqualTo("urn:apfa:schema:audit-event:v1");
        assertThat(EventTypes.of("apfa.batch.progress").schemaResource()).isEqualTo("schemas/batch-progress.v1.json");
    }

    @Test
    void unknownTypeIsRejected() {
        assertThatThrownBy(() -> EventTypes.dataSchemaOf("apfa.task.batch.paused"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apfa.task.batch.paused");
        assertThatThrownBy(() -> EventEnvelope.create("embedding-service", "batch.paused", "b-1", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(EventTypes.find(null)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void typeNameFollowsItsTopic(EventType type) {
        String prefix = switch (type.topic()) {
            case TASK_EVENTS -> "apfa.task.";
            case BATCH_PROGRESS -> "apfa.batch.";
            case AUDIT_EVENTS -> "apfa.audit.";
            case METRICS_STREAM -> "apfa.metrics.";
        };
        assertThat(type.type()).startsWith(prefix).matches("^apfa\\.[a-z]+(\\.[a-z_]+)+$");
    }

    @Test
    void everyAuditActionIsATypeOnTheAuditTopicWithTheSharedSchema() {
        assertThat(EventTypes.onTopic(Topic.AUDIT_EVENTS)).hasSize(AuditAction.values().length)
                .allSatisfy(type -> {
                    assertThat(type.payloadClass()).isEqualTo(AuditEvent.class);
                    assertThat(type.dataSchema()).isEqualTo("urn:apfa:schema:audit-event:v1");
                });
    }

    @Test
    void auditSchemaEnumeratesExactlyTheAuditActions() throws IOException {
        JsonNode actions = schema("schemas/audit-event.v1.json").at("/properties/action/enum");
        List<String> inSchema = new ArrayList<>();
        actions.forEach(node -> inSchema.add(node.stringValue()));

        assertThat(inSchema).containsExactlyElementsOf(
                Arrays.stream(AuditAction.values()).map(AuditAction::action).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaUrns")
    void schemaFileDeclaresItsUrnAndDraftAndRefersOnlyToLocalDefinitions(String urn) throws IOException {
        JsonNode schema = schema(EventType.resourceOfSchemaUrn(urn));

        assertThat(schema.path("$id").stringValue()).isEqualTo(urn);
        assertThat(schema.path("$schema").stringValue()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.findValues("$ref")).allSatisfy(ref -> assertThat(ref.stringValue()).startsWith("#/$defs/"));
    }

    @Test
    void schemaUrnMapsToItsClasspathResource() {
        assertThat(EventType.resourceOfSchemaUrn("urn:apfa:schema:index-build-published:v12"))
                .isEqualTo("schemas/index-build-published.v12.json");
        assertThat(EventType.resourceOfSchemaUrn("https://example.com/schema.json")).isNull();
        assertThat(EventType.resourceOfSchemaUrn("urn:apfa:schema:no-version")).isNull();
    }

    @Test
    void contractsCarryNoSpringJpaWebOrKafka() {
        for (String className : List.of("org.springframework.core.SpringVersion", "jakarta.persistence.Entity",
                "jakarta.servlet.Servlet", "org.apache.kafka.clients.producer.Producer")) {
            assertThatThrownBy(() -> Class.forName(className)).as(className).isInstanceOf(ClassNotFoundException.class);
        }
    }

    private static JsonNode schema(String resource) throws IOException {
        try (InputStream in = EventTypesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return JSON.readTree(in);
        }
    }
}
