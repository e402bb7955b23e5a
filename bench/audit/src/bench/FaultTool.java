package bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import dev.apfa.contracts.EventEnvelope;
import dev.apfa.contracts.Topic;
import dev.apfa.contracts.audit.v1.AuditAction;
import dev.apfa.contracts.audit.v1.AuditEvent;
import dev.apfa.contracts.audit.v1.Outcome;
import dev.apfa.testkit.Infra;
import org.apache.http.HttpHost;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.elasticsearch.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The two halves of bench/audit/fault-test.sh around the faults it injects:
 * {@code topic <name>} creates the run's topic and DLT; {@code produce <topic> <count> <ids-file>}
 * publishes audit events (idempotent producer, acks=all, long delivery timeout so a broker restart
 * is ridden out) and writes every acknowledged event id; {@code reconcile <ids-file> <index-prefix>
 * <chain-from> <chain-to>} counts, by event id, what is missing or duplicated in PostgreSQL and in
 * Elasticsearch.
 */
public final class FaultTool {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "topic" -> topic(args[1]);
            case "produce" -> produce(args[1], Integer.parseInt(args[2]), Path.of(args[3]));
            case "reconcile" -> reconcile(Path.of(args[1]), args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "cleanup" -> cleanup(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException("topic | produce | reconcile");
        }
        System.exit(0);
    }

    private static void topic(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infra.shared().kafkaBootstrap()))) {
            int partitions = Topic.AUDIT_EVENTS.partitions();
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1),
                    new NewTopic(Topic.deadLetterTopicName(topic), partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static void produce(String topic, int count, Path idsFile) throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infra.shared().kafkaBootstrap());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 600_000);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        List<String> acknowledged = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicLong failed = new AtomicLong();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                String userId = "fault-user-" + (i % 1000);
                AuditEvent payload = AuditEvent.of(AuditAction.LOGIN_SUCCEEDED, new AuditEvent.Actor(userId, userId, List.of("user")),
                        new AuditEvent.Resource("session", UUID.randomUUID().toString()), Outcome.SUCCESS, "192.0.2.10",
                        UUID.randomUUID().toString());
                EventEnvelope<AuditEvent> event = EventEnvelope.create("auth-service", payload.eventType(), userId, payload);
                producer.send(new ProducerRecord<>(topic, userId, json.writeValueAsString(event)), (metadata, error) -> {
                    if (error == null) {
                        acknowledged.add(event.id());
                    } else {
                        failed.incrementAndGet();
                    }
                });
                if (i % 10_000 == 0) {
                    System.err.printf("produced %d%n", i);
                }
            }
            producer.flush();
        }
        Files.write(idsFile, acknowledged);
        System.out.printf("produced: %d acknowledged, %d failed%n", acknowledged.size(), failed.get());
    }

    @SuppressWarnings("rawtypes")
    private static void reconcile(Path idsFile, String indexPrefix, int chainFrom, int chainTo) throws Exception {
        Set<String> expected = new HashSet<>(Files.readAllLines(idsFile));
        Infra infra = Infra.shared();
        Map<String, Integer> inPostgres = new HashMap<>();
        try (Connection pg = DriverManager.getConnection(infra.postgresJdbcUrl(), infra.postgresUsername(), infra.postgresPassword());
             PreparedStatement rows = pg.prepareStatement(
                     "SELECT event_id::text FROM audit.audit_logs WHERE chain >= ? AND chain < ?")) {
            rows.setInt(1, chainFrom);
            rows.setInt(2, chainTo);
            try (ResultSet rs = rows.executeQuery()) {
                while (rs.next()) {
                    inPostgres.merge(rs.getString(1), 1, Integer::sum);
                }
            }
        }
        Map<String, Integer> inElasticsearch = new HashMap<>();
        try (RestClient rest = RestClient.builder(HttpHost.create(infra.elasticsearchUrl())).build()) {
            ElasticsearchClient es = new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
            es.indices().refresh(r -> r.index(indexPrefix + "-*"));
            List<FieldValue> after = List.of();
            while (true) {
                List<FieldValue> position = after;
                SearchResponse<Map> page = es.search(s -> {
                    s.index(indexPrefix + "-*").size(10_000).source(src -> src.filter(f -> f.includes("event.id")))
                            .sort(o -> o.field(f -> f.field("event.id").order(SortOrder.Asc)))
                            .sort(o -> o.field(f -> f.field("_index").order(SortOrder.Asc)));
                    if (!position.isEmpty()) {
                        s.searchAfter(position);
                    }
                    return s;
                }, Map.class);
                if (page.hits().hits().isEmpty()) {
                    break;
                }
                for (Hit<Map> hit : page.hits().hits()) {
                    inElasticsearch.merge(hit.id(), 1, Integer::sum);
                    after = hit.sort();
                }
            }
        }
        report("PostgreSQL", expected, inPostgres);
        report("Elasticsearch", expected, inElasticsearch);
    }

    /** Removes the run's rows and indices (named, since Elasticsearch refuses wildcard deletes). */
    private static void cleanup(String indexPrefix, int chainFrom, int chainTo) throws Exception {
        Infra infra = Infra.shared();
        try (Connection pg = DriverManager.getConnection(infra.postgresJdbcUrl(), infra.postgresUsername(), infra.postgresPassword());
             PreparedStatement delete = pg.prepareStatement("DELETE FROM audit.audit_logs WHERE chain >= ? AND chain < ?")) {
            delete.setInt(1, chainFrom);
            delete.setInt(2, chainTo);
            delete.executeUpdate();
        }
        try (RestClient rest = RestClient.builder(HttpHost.create(infra.elasticsearchUrl())).build()) {
            ElasticsearchClient es = new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
            for (String index : es.indices().get(g -> g.index(indexPrefix + "-*")).result().keySet()) {
                es.indices().delete(d -> d.index(index));
            }
        }
    }

    private static void report(String store, Set<String> expected, Map<String, Integer> found) {
        long missing = expected.stream().filter(id -> !found.containsKey(id)).count();
        long duplicated = found.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
        long unexpected = found.keySet().stream().filter(id -> !expected.contains(id)).count();
        System.out.printf("%s: expected %d, found %d distinct, missing %d, duplicated %d, unexpected %d%n",
                store, expected.size(), found.size(), missing, duplicated, unexpected);
    }
}
