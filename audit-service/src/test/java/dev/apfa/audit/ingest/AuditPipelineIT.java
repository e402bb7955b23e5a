package dev.apfa.audit.ingest;

import dev.apfa.contracts.EventEnvelope;
import dev.apfa.contracts.Topic;
import dev.apfa.contracts.audit.v1.AuditAction;
import dev.apfa.contracts.audit.v1.AuditEvent;
import dev.apfa.contracts.audit.v1.Outcome;
import dev.apfa.messaging.EventPublisher;
import dev.apfa.testkit.Infra;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import dev.apfa.audit.support.IsolatedInfra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Foundation acceptance: an audit event published with the shared {@link EventPublisher} (the code
 * every service emits audit events with) reaches audit-service's consumer through the real broker
 * and lands in {@code audit.audit_logs} under the producer's trace id; a poison record goes to the
 * DLT with its reason while the consumer keeps consuming. Runs on a unique copy of the topic and a
 * unique consumer group, so a local `bin/apfa up` on the same broker does not interfere.
 */
@SpringBootTest
class AuditPipelineIT {

    private static final IsolatedInfra INFRA = new IsolatedInfra();
    private static final String TOPIC = INFRA.auditTopic;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        INFRA.register(registry);
    }

    @AfterAll
    static void dropIndices() throws Exception {
        INFRA.cleanUp();
    }

    @Autowired
    EventPublisher publisher;

    @Autowired
    KafkaTemplate<String, String> kafkaTemplate;

    @Autowired
    Tracer tracer;

    @Autowired
    JdbcClient jdbc;

    @Test
    void publishedEventReachesTheAuditLogInTheProducersTrace() throws Exception {
        EventEnvelope<AuditEvent> event = loginSucceeded("user-" + UUID.randomUUID());
        Span span = tracer.nextSpan().name("login").start();
        try (Tracer.SpanInScope ignored = tracer.withSpan(span)) {
            publisher.publish(TOPIC, event.data().actor().id(), event).get(30, TimeUnit.SECONDS);
        } finally {
            span.end();
        }

        Map<String, Object> row = awaitRow(event.id());
        assertThat(row.get("trace_id")).isEqualTo(span.context().traceId());
        assertThat(row.get("action")).isEqualTo("login.succeeded");
        assertThat(row.get("outcome")).isEqualTo("success");
        assertThat(row.get("actor_id")).isEqualTo(event.data().actor().id());
    }

    @Test
    void poisonRecordIsDeadLetteredAndLaterEventsStillFlow() throws Exception {
        String poisonKey = "poison-" + UUID.randomUUID();
        kafkaTemplate.send(TOPIC, poisonKey, "{\"specversion\":\"1.0\", this is not JSON").get(30, TimeUnit.SECONDS);
        EventEnvelope<AuditEvent> later = loginSucceeded("user-" + UUID.randomUUID());
        publisher.publish(TOPIC, later.data().actor().id(), later).get(30, TimeUnit.SECONDS);

        ConsumerRecord<String, String> deadLetter = awaitDeadLetter(poisonKey);
        assertThat(deadLetter.value()).isEqualTo("{\"specversion\":\"1.0\", this is not JSON");
        assertThat(header(deadLetter, "kafka_dlt-original-topic")).isEqualTo(TOPIC);
        assertThat(header(deadLetter, "kafka_dlt-exception-message")).contains("not valid JSON");
        assertThat(awaitRow(later.id())).containsEntry("action", "login.succeeded");
    }

    @Test
    void redeliveredEventIsRecordedOnce() throws Exception {
        EventEnvelope<AuditEvent> event = loginSucceeded("user-" + UUID.randomUUID());
        publisher.publish(TOPIC, event.data().actor().id(), event).get(30, TimeUnit.SECONDS);
        publisher.publish(TOPIC, event.data().actor().id(), event).get(30, TimeUnit.SECONDS);
        EventEnvelope<AuditEvent> marker = loginSucceeded(event.data().actor().id());
        publisher.publish(TOPIC, marker.data().actor().id(), marker).get(30, TimeUnit.SECONDS);

        awaitRow(marker.id());
        assertThat(jdbc.sql("SELECT count(*) FROM audit_logs WHERE event_id = ?")
                .param(UUID.fromString(event.id())).query(Long.class).single()).isEqualTo(1L);
    }

    private Map<String, Object> awaitRow(String eventId) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> jdbc
                        .sql("SELECT * FROM audit_logs WHERE event_id = ?").param(UUID.fromString(eventId))
                        .query().listOfRows().stream().findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    private static ConsumerRecord<String, String> awaitDeadLetter(String key) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infra.shared().kafkaBootstrap());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topic.deadLetterTopicName(TOPIC)));
            List<ConsumerRecord<String, String>> seen = new ArrayList<>();
            return await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(seen::add);
                return seen.stream().filter(r -> key.equals(r.key())).findFirst();
            }, Optional::isPresent).orElseThrow();
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static EventEnvelope<AuditEvent> loginSucceeded(String userId) {
        AuditEvent payload = AuditEvent.of(AuditAction.LOGIN_SUCCEEDED,
                new AuditEvent.Actor(userId, "casey", List.of("user")),
                new AuditEvent.Resource("session", UUID.randomUUID().toString()),
                Outcome.SUCCESS, "192.0.2.10", UUID.randomUUID().toString());
        return EventEnvelope.create("auth-service", payload.eventType(), userId, payload);
    }
}
