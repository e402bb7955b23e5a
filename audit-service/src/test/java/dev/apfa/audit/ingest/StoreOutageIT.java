package dev.apfa.audit.ingest;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.apfa.audit.support.Events;
import dev.apfa.audit.support.IsolatedInfra;
import dev.apfa.audit.support.TcpProxy;
import dev.apfa.audit.verify.ChainVerifier;
import dev.apfa.contracts.EventEnvelope;
import dev.apfa.contracts.Topic;
import dev.apfa.contracts.audit.v1.AuditEvent;
import dev.apfa.messaging.EventPublisher;
import dev.apfa.testkit.Infra;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shortened fault test that CI runs (bench/audit/fault-test.sh is the long one): events are
 * published while Elasticsearch and then PostgreSQL are unreachable for this service (a TCP proxy
 * cut; the shared stores keep running for everyone else). Consumption pauses and resumes: in the
 * end both sinks hold every event exactly once, nothing went to the DLT, and the chains verify.
 */
@SpringBootTest
class StoreOutageIT {

    private static final IsolatedInfra INFRA = new IsolatedInfra();
    private static final TcpProxy ELASTICSEARCH;
    private static final TcpProxy POSTGRES;
    private static final Pattern JDBC = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(.*)");

    static {
        try {
            URI es = URI.create(Infra.shared().elasticsearchUrl());
            ELASTICSEARCH = new TcpProxy(es.getHost(), es.getPort());
            Matcher pg = JDBC.matcher(Infra.shared().postgresJdbcUrl());
            if (!pg.matches()) {
                throw new IllegalStateException("unexpected JDBC URL shape");
            }
            POSTGRES = new TcpProxy(pg.group(1), Integer.parseInt(pg.group(2)));
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final int PER_PHASE = 400;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        INFRA.register(registry);
        Matcher pg = JDBC.matcher(Infra.shared().postgresJdbcUrl());
        pg.matches();
        registry.add("apfa.elasticsearch.url", () -> "http://127.0.0.1:" + ELASTICSEARCH.port());
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:" + POSTGRES.port() + "/" + pg.group(3));
        registry.add("spring.datasource.hikari.connection-timeout", () -> "3000");
        registry.add("apfa.audit.retry.max-backoff", () -> "1s");
    }

    @AfterAll
    static void cleanUp() throws Exception {
        ELASTICSEARCH.close();
        POSTGRES.close();
        INFRA.cleanUp();
    }

    @Autowired
    EventPublisher publisher;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ChainVerifier verifier;

    @Test
    void outagesPauseConsumptionAndLoseOrDuplicateNothing() throws Exception {
        List<String> ids = new ArrayList<>(publish(PER_PHASE));
        await().atMost(Duration.ofSeconds(90)).until(() -> rows(ids) == ids.size());

        ELASTICSEARCH.cut();
        ids.addAll(publish(PER_PHASE));
        await().atMost(Duration.ofSeconds(60)).until(() -> ELASTICSEARCH.refused() > 0);
        ELASTICSEARCH.restore();

        POSTGRES.cut();
        ids.addAll(publish(PER_PHASE));
        await().atMost(Duration.ofSeconds(60)).until(() -> POSTGRES.refused() > 0);
        POSTGRES.restore();

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> rows(ids) == ids.size() && documents() == ids.size());
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_logs WHERE chain >= ? AND chain < ?")
                .params(INFRA.chainOffset, INFRA.chainOffset + 3).query(Long.class).single()).isEqualTo(ids.size());
        assertThat(documents()).isEqualTo(ids.size());
        assertThat(deadLetters()).isZero();
        for (int chain = INFRA.chainOffset; chain < INFRA.chainOffset + 3; chain++) {
            assertThat(verifier.verify(chain).status()).isEqualTo("intact");
        }
        // The bulk runs while PostgreSQL inserts: even batches whose commit failed (PostgreSQL cut) and were
        // redelivered must leave every document with the chain position PostgreSQL finally recorded.
        assertThat(indexedPositions()).isEqualTo(recordedPositions());
        System.out.printf("store outage: published %d, PostgreSQL %d, Elasticsearch %d, refused connections ES %d PG %d%n",
                ids.size(), rows(ids), documents(), ELASTICSEARCH.refused(), POSTGRES.refused());
    }

    private List<String> publish(int count) throws Exception {
        List<String> ids = new ArrayList<>();
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            EventEnvelope<AuditEvent> event = Events.loginSucceeded("user-" + UUID.randomUUID());
            ids.add(event.id());
            sends.add(publisher.publish(INFRA.auditTopic, event.data().actor().id(), event));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        return ids;
    }

    private long rows(List<String> ids) {
        return jdbc.sql("SELECT count(DISTINCT event_id) FROM audit_logs WHERE event_id IN (:ids)")
                .param("ids", ids.stream().map(UUID::fromString).toList()).query(Long.class).single();
    }

    @Autowired
    ElasticsearchClient elasticsearch;

    /** event id → "chain/seq/hash" as PostgreSQL recorded it. */
    private Map<String, String> recordedPositions() {
        Map<String, String> positions = new HashMap<>();
        jdbc.sql("SELECT event_id, chain, chain_seq, hash FROM audit_logs WHERE chain >= ? AND chain < ?")
                .params(INFRA.chainOffset, INFRA.chainOffset + 3)
                .query((rs, row) -> positions.put(rs.getString(1), rs.getInt(2) + "/" + rs.getLong(3) + "/" + rs.getString(4)))
                .list();
        return positions;
    }

    /** event id → "chain/seq/hash" as the Elasticsearch documents carry it. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private Map<String, String> indexedPositions() throws Exception {
        Map<String, String> positions = new HashMap<>();
        elasticsearch.search(s -> s.index(INFRA.auditIndexPrefix + "-*").size(10_000)
                        .source(src -> src.filter(f -> f.includes("event.id", "apfa.chain", "apfa.chain_seq", "apfa.hash"))), Map.class)
                .hits().hits().forEach(hit -> {
                    Map<String, Object> apfa = (Map<String, Object>) hit.source().get("apfa");
                    positions.put((String) ((Map) hit.source().get("event")).get("id"),
                            apfa.get("chain") + "/" + apfa.get("chain_seq") + "/" + apfa.get("hash"));
                });
        return positions;
    }

    /** Counted straight from Elasticsearch, not through the proxy. */
    private static long documents() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = Infra.shared().elasticsearchUrl() + "/" + INFRA.auditIndexPrefix + "-*";
        http.send(HttpRequest.newBuilder(URI.create(base + "/_refresh")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        String body = http.send(HttpRequest.newBuilder(URI.create(base + "/_count")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher count = Pattern.compile("\"count\"\\s*:\\s*(\\d+)").matcher(body);
        return count.find() ? Long.parseLong(count.group(1)) : -1;
    }

    private static long deadLetters() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infra.shared().kafkaBootstrap());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "dlt-count-" + UUID.randomUUID());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            var partitions = consumer.partitionsFor(Topic.deadLetterTopicName(INFRA.auditTopic)).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
            Map<org.apache.kafka.common.TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> starts = consumer.beginningOffsets(partitions);
            return partitions.stream().mapToLong(p -> ends.get(p) - starts.get(p)).sum();
        }
    }
}
