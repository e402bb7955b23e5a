package dev.apfa.audit.support;

import dev.apfa.contracts.Topic;
import dev.apfa.testkit.Infra;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The real shared infrastructure, with everything this service writes made private to one test
 * class: its own copies of the three topics (and DLTs), consumer group, index names and hash chains
 * (a chain offset far from the production chains 0..2), so tests can tamper with rows and read
 * indices without seeing, or breaking, anyone else's data.
 */
public final class IsolatedInfra {

    public final String auditTopic = Infra.uniqueName("audit-events-it");
    public final String tasksTopic = Infra.uniqueName("task-events-it");
    public final String metricsTopic = Infra.uniqueName("metrics-stream-it");
    public final String auditIndexPrefix = Infra.uniqueName("audit-logs-it");
    public final String tasksIndex = Infra.uniqueName("tasks-it");
    public final String metricsPrefix = Infra.uniqueName("metrics-it");
    public final int chainOffset = 1_000_000 + ThreadLocalRandom.current().nextInt(1_000_000_000);

    public void register(DynamicPropertyRegistry registry) {
        Infra.shared().springProperties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("apfa.audit.topic", () -> auditTopic);
        registry.add("apfa.audit.tasks-topic", () -> tasksTopic);
        registry.add("apfa.audit.metrics-topic", () -> metricsTopic);
        registry.add("spring.kafka.consumer.group-id", () -> auditTopic);
        registry.add("apfa.audit.elasticsearch.index-prefix", () -> auditIndexPrefix);
        registry.add("apfa.audit.elasticsearch.tasks-index", () -> tasksIndex);
        registry.add("apfa.audit.elasticsearch.metrics-prefix", () -> metricsPrefix);
        registry.add("apfa.audit.chain-offset", () -> chainOffset);
        createTopics();
    }

    private void createTopics() {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : List.of(auditTopic, tasksTopic, metricsTopic)) {
            int partitions = name.equals(auditTopic) ? Topic.AUDIT_EVENTS.partitions() : 2;
            topics.add(new NewTopic(name, partitions, (short) 1));
            topics.add(new NewTopic(Topic.deadLetterTopicName(name), partitions, (short) 1));
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infra.shared().kafkaBootstrap()))) {
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create test topics", e);
        }
    }

    /** Drops this class's rows and indices (the topics expire with the broker's retention). */
    public void cleanUp() throws Exception {
        Infra infra = Infra.shared();
        try (Connection pg = DriverManager.getConnection(infra.postgresJdbcUrl(), infra.postgresUsername(), infra.postgresPassword());
             PreparedStatement rows = pg.prepareStatement("DELETE FROM audit.audit_logs WHERE chain >= ? AND chain < ?");
             PreparedStatement checkpoints = pg.prepareStatement("DELETE FROM audit.chain_checkpoints WHERE chain >= ? AND chain < ?")) {
            for (PreparedStatement delete : List.of(rows, checkpoints)) {
                delete.setInt(1, chainOffset);
                delete.setInt(2, chainOffset + Topic.AUDIT_EVENTS.partitions());
                delete.executeUpdate();
            }
        }
        HttpClient http = HttpClient.newHttpClient();
        String base = Infra.shared().elasticsearchUrl();
        for (String pattern : List.of(auditIndexPrefix + "-*", tasksIndex, metricsPrefix + "-*")) {
            // Resolve the names first: Elasticsearch refuses wildcard deletes (action.destructive_requires_name).
            String names = http.send(HttpRequest.newBuilder(URI.create(base + "/_cat/indices/" + pattern + "?h=index"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            for (String index : names.split("\\s+")) {
                if (index.startsWith(auditIndexPrefix) || index.startsWith(tasksIndex) || index.startsWith(metricsPrefix)) {
                    http.send(HttpRequest.newBuilder(URI.create(base + "/" + index)).DELETE().build(),
                            HttpResponse.BodyHandlers.discarding());
                }
            }
        }
    }
}
