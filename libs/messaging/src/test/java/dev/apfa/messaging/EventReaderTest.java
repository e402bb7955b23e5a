package dev.apfa.messaging;

import dev.apfa.contracts.EventEnvelope;
import dev.apfa.contracts.EventValidator;
import dev.apfa.contracts.audit.v1.AuditAction;
import dev.apfa.contracts.audit.v1.AuditEvent;
import dev.apfa.contracts.audit.v1.Outcome;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventReaderTest {

    private final JsonMapper mapper = JsonMapper.builder().build();
    private final EventReader reader = new EventReader(mapper, new EventValidator());

    @Test
    void readsAValidEventAndMapsItsPayload() {
        EventEnvelope<AuditEvent> sent = logout();
        ReceivedEvent received = reader.read(mapper.writeValueAsString(sent));

        assertThat(received.id()).isEqualTo(sent.id());
        assertThat(received.type()).isEqualTo("apfa.audit.logout");
        assertThat(received.data(AuditEvent.class)).isEqualTo(sent.data());
    }

    @Test
    void readsAValidEventStraightIntoItsTypedEnvelope() {
        EventEnvelope<AuditEvent> sent = logout().withTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        EventEnvelope<AuditEvent> received = reader.read(mapper.writeValueAsString(sent), AuditEvent.class);

        assertThat(received).isEqualTo(sent);
        assertThat(ReceivedEvent.traceIdOf(received)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThatThrownBy(() -> reader.read("{\"id\": ", AuditEvent.class)).isInstanceOf(PoisonEventException.class);
    }

    @Test
    void rejectsWhatIsNotAnEventAsPoison() {
        assertThatThrownBy(() -> reader.read("")).isInstanceOf(PoisonEventException.class);
        assertThatThrownBy(() -> reader.read("{\"id\": ")).isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> reader.read("[1, 2]")).isInstanceOf(PoisonEventException.class);
    }

    @Test
    void rejectsAnEventThatBreaksItsSchemaAsPoison() {
        ObjectNode tree = mapper.valueToTree(logout());
        ((ObjectNode) tree.get("data")).put("outcome", "maybe");
        assertThatThrownBy(() -> reader.read(mapper.writeValueAsString(tree)))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("/data/outcome");
    }

    @Test
    void rejectsAnUnknownTypeAsPoison() {
        ObjectNode tree = mapper.valueToTree(logout());
        tree.put("type", "apfa.audit.teleported");
        assertThatThrownBy(() -> reader.read(mapper.writeValueAsString(tree))).isInstanceOf(PoisonEventException.class);
    }

    @Test
    void withoutATracerNoTraceparentIsInvented() {
        TraceContextAccessor none = new TraceContextAccessor(null);
        assertThat(none.currentTraceparent()).isEmpty();
    }

    private static EventEnvelope<AuditEvent> logout() {
        AuditEvent payload = AuditEvent.of(AuditAction.LOGOUT, new AuditEvent.Actor("u-42", "casey", List.of("user")),
                new AuditEvent.Resource("session", "s-7"), Outcome.SUCCESS, "198.51.100.7", "req-9");
        return EventEnvelope.create("auth-service", payload.eventType(), "u-42", payload);
    }
}
