package dev.apfa.audit.ingest;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.GetResponse;
import dev.apfa.audit.support.Events;
import dev.apfa.audit.support.IsolatedInfra;
import dev.apfa.audit.verify.ChainVerifier;
import dev.apfa.contracts.EventEnvelope;
import dev.apfa.contracts.Topic;
import dev.apfa.contracts.audit.v1.AuditAction;
import dev.apfa.contracts.audit.v1.AuditEvent;
import dev.apfa.contracts.audit.v1.Outcome;
import dev.apfa.messaging.EventPublisher;
import dev.apfa.testkit.Infra;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
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
 * The two sinks through the real broker: PostgreSQL and Elasticsearch hold each event under the
 * same id, with ECS field names; a redelivery changes neither; a document Elasticsearch refuses
 * for good is dead-lettered with the reason while PostgreSQL keeps it and later events flow; a
 * burst of failed logins raises an anomaly that comes back through the audit trail.
 */
@SpringBootTest
class AuditSinksIT {

    private static final IsolatedInfra INFRA = new IsolatedInfra();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        INFRA.register(registry);
        registry.add("apfa.audit.anomaly.failed-logins.threshold", () -> 4);
    }

    @AfterAll
    static void dropIndices() throws Exception {
        INFRA.cleanUp();
    }

    @Autowired
    EventPublisher publisher;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ElasticsearchClient elasticsearch;

    @Autowired
    AuditDocuments documents;

    @Autowired
    ChainVerifier verifier;

    @Test
    void eventLandsInBothSinksUnderTheSameId() throws Exception {
        EventEnvelope<AuditEvent> event = Events.audit(AuditAction.USER_ROLE_CHANGED, "user-" + UUID.randomUUID(), "robin",
                Outcome.DENIED, Map.of("new_role", "admin"));
        publish(event);

        Map<String, Object> row = awaitRow(event.id());
        Map<String, Object> doc = awaitDocument(event);
        assertThat(row.get("event_id").toString()).isEqualTo(event.id());
        assertThat(doc).containsEntry("@timestamp", event.time().truncatedTo(java.time.temporal.ChronoUnit.MICROS).toString());
        assertThat(nested(doc, "event", "id")).isEqualTo(event.id());
        assertThat(nested(doc, "event", "action")).isEqualTo("user.role_changed");
        assertThat(nested(doc, "event", "outcome")).isEqualTo("failure");
        assertThat(nested(doc, "apfa", "outcome")).isEqualTo("denied");
        assertThat(nested(doc, "user", "name")).isEqualTo("robin");
        assertThat(nested(doc, "user", "roles")).isEqualTo(List.of("user"));
        assertThat(nested(doc, "source", "ip")).isEqualTo("192.0.2.10");
        assertThat(nested(doc, "http", "request")).isEqualTo(Map.of("id", event.data().requestId()));
        assertThat(nested(doc, "service", "name")).isEqualTo("auth-service");
        assertThat(nested(doc, "apfa", "hash")).isEqualTo(row.get("hash"));
        assertThat(((Number) nested(doc, "apfa", "chain_seq")).longValue()).isEqualTo(row.get("chain_seq"));
    }

    @Test
    void textWithTabsNewlinesAndBackslashesIsStoredExactlyAndItsHashVerifies() throws Exception {
        String reason = "line 1\nline 2\r\n\ttabbed \\N not null \\. back\\slash \u00e9 \ud83d\ude00";
        EventEnvelope<AuditEvent> sent = Events.audit(AuditAction.LOGIN_FAILED, "user-" + UUID.randomUUID(), "tab\tuser",
                Outcome.FAILURE, Map.of("note", "a\tb\\c\nd"));
        EventEnvelope<AuditEvent> event = EventEnvelope.create("auth-service", sent.type(), sent.subject(),
                sent.data().withReason(reason).withUserAgent("agent\\1.0"));
        publish(event);

        Map<String, Object> row = awaitRow(event.id());
        assertThat(row).containsEntry("reason", reason).containsEntry("actor_username", "tab\tuser")
                .containsEntry("user_agent", "agent\\1.0");
        assertThat(row.get("details").toString()).contains("a\\tb\\\\c\\nd");
        assertThat(verifier.verify((Integer) row.get("chain")).status()).isEqualTo("intact");
        assertThat(nested(awaitDocument(event), "event", "reason")).isEqualTo(reason);
    }

    @Test
    void auditLogsKeepsOnlyTheIndexesItsQueriesUse() {
        // Each index costs every insert (V3 dropped the unused actor index): the seed's primary key, idempotency
        // looks up event_id, chain head / verification / retention walk (chain, chain_seq), retention finds by time.
        List<String> indexes = jdbc.sql("SELECT indexdef FROM pg_indexes WHERE schemaname = 'audit' AND tablename = 'audit_logs'")
                .query(String.class).list();
        assertThat(indexes).hasSize(4).anyMatch(i -> i.contains("UNIQUE") && i.endsWith("(id)"))
                .anyMatch(i -> i.contains("UNIQUE") && i.endsWith("(event_id)"))
                .anyMatch(i -> i.contains("UNIQUE") && i.endsWith("(chain, chain_seq)"))
                .anyMatch(i -> i.endsWith("(occurred_at)"));
    }

    @Test
    void duplicateDeliveryChangesNothing() throws Exception {
        EventEnvelope<AuditEvent> event = Events.loginSucceeded("user-" + UUID.randomUUID());
        publish(event);
        Map<String, Object> row = awaitRow(event.id());
        Map<String, Object> doc = awaitDocument(event);

        publish(event);
        EventEnvelope<AuditEvent> marker = Events.loginSucceeded(event.data().actor().id());
        publish(marker);
        awaitDocument(marker);

        assertThat(jdbc.sql("SELECT * FROM audit_logs WHERE event_id = ?").param(UUID.fromString(event.id()))
                .query().listOfRows()).containsExactly(row);
        assertThat(awaitDocument(event)).isEqualTo(doc);
        assertThat(elasticsearch.get(g -> g.index(documents.indexOf(AuditEntriesFixture.entryAt(event))).id(event.id()), Map.class)
                .version()).isEqualTo(1L);
        elasticsearch.indices().refresh(r -> r.index(INFRA.auditIndexPrefix + "-*"));
        long hits = elasticsearch.count(c -> c.index(INFRA.auditIndexPrefix + "-*")
                .query(q -> q.term(t -> t.field("event.id").value(event.id())))).count();
        assertThat(hits).isEqualTo(1);
    }

    @Test
    void documentRefusedByElasticsearchIsDeadLetteredWithTheReasonAndLaterEventsFlow() throws Exception {
        String userId = "user-" + UUID.randomUUID();
        // Same key, same partition: the numeric mapping of apfa.details.attempts exists before the text arrives.
        EventEnvelope<AuditEvent> numeric = Events.audit(AuditAction.LOGIN_SUCCEEDED, userId, "sam", Outcome.SUCCESS,
                Map.of("attempts", 3));
        EventEnvelope<AuditEvent> text = Events.audit(AuditAction.LOGIN_SUCCEEDED, userId, "sam", Outcome.SUCCESS,
                Map.of("attempts", "three"));
        EventEnvelope<AuditEvent> later = Events.loginSucceeded(userId);
        publish(numeric);
        awaitDocument(numeric);
        publish(text);
        publish(later);

        awaitDocument(later);
        ConsumerRecord<String, String> deadLetter = awaitDeadLetter(text.id());
        assertThat(header(deadLetter, "kafka_dlt-exception-message")).contains("elasticsearch refused the document")
                .contains("apfa.details.attempts");
        assertThat(header(deadLetter, "kafka_dlt-original-topic")).isEqualTo(INFRA.auditTopic);
        assertThat(awaitRow(text.id())).containsEntry("action", "login.succeeded");
        assertThat(elasticsearch.exists(e -> e.index(documents.indexOf(AuditEntriesFixture.entryAt(text))).id(text.id())).value())
                .isFalse();
    }

    @Test
    void burstOfFailedLoginsRaisesAnAnomaly() throws Exception {
        String username = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 4; i++) {
            publish(Events.loginFailed(username, "198.51.100." + (10 + i)));
        }
        Map<String, Object> anomaly = await().atMost(Duration.ofSeconds(60)).until(() -> jdbc
                .sql("SELECT * FROM audit_logs WHERE action = 'anomaly.detected' AND resource_type = 'user' AND resource_id = ?")
                .param(username).query().listOfRows(), rows -> rows.size() == 1).get(0);
        assertThat(anomaly).containsEntry("actor_id", "audit-service").containsEntry("actor_roles", "system");
        assertThat(anomaly.get("details").toString()).contains("failed_login_burst");
    }

    private void publish(EventEnvelope<AuditEvent> event) throws Exception {
        publisher.publish(INFRA.auditTopic, event.data().actor().id(), event).get(30, TimeUnit.SECONDS);
    }

    private Map<String, Object> awaitRow(String eventId) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> jdbc
                        .sql("SELECT * FROM audit_logs WHERE event_id = ?").param(UUID.fromString(eventId))
                        .query().listOfRows().stream().findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> awaitDocument(EventEnvelope<AuditEvent> event) {
        String index = documents.indexOf(AuditEntriesFixture.entryAt(event));
        return await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            GetResponse<Map> response = elasticsearch.get(g -> g.index(index).id(event.id()), Map.class);
            return response.found() ? (Map<String, Object>) response.source() : null;
        }, doc -> doc != null);
    }

    @SuppressWarnings("unchecked")
    static Object nested(Map<String, Object> doc, String... path) {
        Object value = doc;
        for (String key : path) {
            value = ((Map<String, Object>) value).get(key);
        }
        return value;
    }

    private static ConsumerRecord<String, String> awaitDeadLetter(String eventId) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infra.shared().kafkaBootstrap());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topic.deadLetterTopicName(INFRA.auditTopic)));
            List<ConsumerRecord<String, String>> seen = new ArrayList<>();
            return await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(seen::add);
                return seen.stream().filter(r -> r.value().contains(eventId)).findFirst();
            }, Optional::isPresent).orElseThrow();
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
