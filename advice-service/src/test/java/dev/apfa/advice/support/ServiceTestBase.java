package dev.apfa.advice.support;

import dev.apfa.security.testing.TestTokens;
import dev.apfa.testkit.Infra;
import dev.apfa.testkit.http.Http;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Base of the service-level ITs: advice-service on a random port against the real PostgreSQL, Redis and Kafka,
 * test tokens, retrieval served by {@link RetrievalStub}, and topics and a cache prefix of its own so that what a
 * test reads was written by these tests. All subclasses share one Spring context.
 */
// The local generator unless a subclass says otherwise, whatever APFA_BEDROCK_MODEL_ID the machine has.
// Small pools: many test JVMs share the machine's PostgreSQL (max_connections).
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "apfa.advice.bedrock.model-id=", "spring.datasource.hikari.maximum-pool-size=3"})
public abstract class ServiceTestBase {

    protected static final TestTokens TOKENS = TestTokens.start();
    protected static final RetrievalStub RETRIEVAL = new RetrievalStub();
    protected static final String AUDIT_TOPIC = Infra.uniqueName("advice-audit");
    protected static final String METRICS_TOPIC = Infra.uniqueName("advice-metrics");
    protected static final String TASK_TOPIC = Infra.uniqueName("advice-tasks");
    protected static final String CACHE_PREFIX = "apfa:advice:" + Infra.uniqueName("it") + ":";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Infra.shared().springProperties().forEach((name, value) -> registry.add(name, () -> value));
        TOKENS.properties().forEach((name, value) -> registry.add(name, () -> value));
        createTopics();
        registry.add("apfa.advice.retrieval.embedding-url", RETRIEVAL::url);
        registry.add("apfa.advice.retrieval.index-url", RETRIEVAL::url);
        registry.add("apfa.advice.topics.audit", () -> AUDIT_TOPIC);
        registry.add("apfa.advice.topics.metrics", () -> METRICS_TOPIC);
        registry.add("apfa.advice.topics.tasks", () -> TASK_TOPIC);
        registry.add("apfa.advice.cache.prefix", () -> CACHE_PREFIX);
    }

    private static void createTopics() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infra.shared().kafkaBootstrap()))) {
            List<String> existing = new ArrayList<>(admin.listTopics().names().get(30, TimeUnit.SECONDS));
            List<NewTopic> topics = new ArrayList<>();
            for (String name : List.of(AUDIT_TOPIC, METRICS_TOPIC, TASK_TOPIC)) {
                if (!existing.contains(name)) {
                    topics.add(new NewTopic(name, 1, (short) 1));
                }
            }
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the test topics", e);
        }
    }

    @LocalServerPort
    protected int port;

    protected Http http() {
        return new Http("http://127.0.0.1:" + port);
    }

    public record User(String id, String token) {
    }

    protected static User user(String role) {
        String id = UUID.randomUUID().toString();
        return new User(id, TOKENS.token(id, role + "-" + id.substring(0, 8), role));
    }

    protected Http.Response advise(User user, Object body) {
        return http().post("/api/advice", body instanceof String text ? text : Http.json(body), user.token());
    }

    protected static Map<String, Object> affordability() {
        return Map.of("annual_income", 96000, "monthly_debt", 450, "credit_score", 735, "loan_amount", 320000,
                "interest_rate", 6.5, "loan_term_months", 360, "property_value", 400000, "down_payment", 80000);
    }

    /** Every record on {@code topic} so far (values). */
    protected static List<String> records(String topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infra.shared().kafkaBootstrap(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
