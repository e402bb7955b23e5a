package dev.apfa.index.support;

import dev.apfa.contracts.EventValidator;
import dev.apfa.contracts.Topic;
import dev.apfa.testkit.Infra;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** A unique copy of task-events (and its DLT) for one test class, and a reader of what lands on it. */
public final class TaskTopic implements AutoCloseable {

    private final String name;
    private final KafkaConsumer<String, String> consumer;
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final JsonMapper json = JsonMapper.builder().build();

    public TaskTopic(String prefix) throws Exception {
        this.name = Infra.uniqueName(prefix);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infra.shared().kafkaBootstrap()))) {
            admin.createTopics(List.of(new NewTopic(name, 3, (short) 1),
                    new NewTopic(Topic.deadLetterTopicName(name), 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infra.shared().kafkaBootstrap());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(name));
    }

    public String name() {
        return name;
    }

    /** Waits for an event matching {@code match}, checks it against its JSON Schema and returns it. */
    public synchronized JsonNode await(String type, Predicate<JsonNode> match) {
        return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            consumer.poll(Duration.ofMillis(300)).forEach(record -> {
                assertThat(EventValidator.shared().validate(record.value())).as(record.value()).isEmpty();
                events.add(json.readTree(record.value()));
            });
            return events.stream().filter(e -> type.equals(e.get("type").asString()) && match.test(e.get("data")))
                    .findFirst();
        }, java.util.Optional::isPresent).orElseThrow().get("data");
    }

    @Override
    public void close() {
        consumer.close();
    }
}
