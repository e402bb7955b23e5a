package dev.apfa.messaging.outbox;

import dev.apfa.contracts.EventEnvelope;
import dev.apfa.contracts.Topic;
import dev.apfa.messaging.TraceContextAccessor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox (CONVENTIONS 7): an event that must match a database change is written to the
 * service's {@code event_outbox} table in the caller's transaction (or at once, durably, when there is none)
 * and published to Kafka afterwards by {@link OutboxRelay}. A crash after the commit loses nothing: the relay
 * sends what is left when the service (or another replica) runs again. Delivery is at least once; consumers
 * are idempotent on the event id.
 * <p>
 * Each service that enables the outbox ({@code apfa.messaging.outbox.enabled=true}) creates the table in its
 * own Flyway migration (auth-service's {@code V3__event_outbox.sql} is the model: {@code seq BIGSERIAL} primary key,
 * {@code topic}, {@code msg_key}, {@code event_id}, {@code payload}, {@code created_at}).
 */
public class Outbox {

    static final String INSERT = "INSERT INTO event_outbox (topic, msg_key, event_id, payload) VALUES (?, ?, ?, ?)";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final TraceContextAccessor traces;
    private final OutboxRelay relay;

    public Outbox(JdbcTemplate jdbc, JsonMapper json, TraceContextAccessor traces, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.json = json;
        this.traces = traces;
        this.relay = relay;
    }

    public void add(Topic topic, String key, EventEnvelope<?> event) {
        add(topic.topicName(), key, event);
    }

    /** As {@link #add(Topic, String, EventEnvelope)}, to a topic by name (tests use unique copies of a topic). */
    public void add(String topicName, String key, EventEnvelope<?> event) {
        // The request's trace goes into the envelope now: the relay's thread has none.
        EventEnvelope<?> traced = event.traceparent() != null ? event
                : traces.currentTraceparent().<EventEnvelope<?>>map(event::withTraceparent).orElse(event);
        jdbc.update(INSERT, topicName, key, traced.id(), json.writeValueAsString(traced));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    relay.wake();
                }
            });
        } else {
            relay.wake();
        }
    }
}
