package dev.apfa.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apfa.contracts.Topic;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the kit writes for Kafka and Elasticsearch, and what it reads from infra-dist. */
class ConfigRenderingTest {

    @TempDir
    Path tmp;

    @Test
    void kafkaIsOneKraftNodeOnLoopbackWithoutAutoCreatedTopics() throws IOException {
        Properties server = properties(KafkaConfig.serverProperties(tmp.resolve("data")));

        assertThat(server.getProperty("process.roles")).isEqualTo("broker,controller");
        assertThat(server.getProperty("listeners")).isEqualTo("PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093");
        assertThat(server.getProperty("controller.quorum.bootstrap.servers")).isEqualTo("127.0.0.1:9093");
        assertThat(server.getProperty("log.dirs")).isEqualTo(tmp.resolve("data").toString());
        assertThat(server.getProperty("auto.create.topics.enable")).isEqualTo("false");
        assertThat(server.getProperty("group.initial.rebalance.delay.ms")).isEqualTo("0");
        for (String key : List.of("offsets.topic.replication.factor", "transaction.state.log.replication.factor",
                "min.insync.replicas", "default.replication.factor")) {
            assertThat(server.getProperty(key)).as(key).isEqualTo("1");
        }
    }

    @Test
    void elasticsearchIsASingleInsecureNodeOnLoopbackWithoutDiskWatermarks() {
        String yml = ElasticsearchConfig.elasticsearchYml(tmp.resolve("data"), tmp.resolve("logs"));

        assertThat(yml.lines()).contains(
                "discovery.type: single-node",
                "network.host: 127.0.0.1",
                "http.port: 9200",
                "xpack.security.enabled: false",
                "cluster.routing.allocation.disk.threshold_enabled: false",
                "path.data: \"" + tmp.resolve("data") + "\"");
    }

    @Test
    void everyContractTopicComesWithItsDeadLetterTopic() {
        List<TopicSpec> specs = TopicSpec.fromContracts();

        assertThat(specs).hasSize(2 * Topic.values().length);
        assertThat(specs).contains(
                new TopicSpec("task-events", 12, Duration.ofDays(7)),
                new TopicSpec("task-events.DLT", 12, Topic.DEAD_LETTER_RETENTION),
                new TopicSpec("audit-events", 3, Duration.ofDays(90)));
        assertThat(new TopicSpec("x", 1, Duration.ofHours(24)).retentionMs()).isEqualTo("86400000");
    }

    @Test
    void infraDistPathsAreRelativeToItsDescriptor() throws IOException {
        InfraDist dist = InfraDist.parse(properties(String.join("\n",
                "kafka.artifactId=kafka_2.13", "kafka.version=4.4.0", "kafka.libs=kafka/libs",
                "elasticsearch.artifactId=elasticsearch", "elasticsearch.version=8.19.9",
                "elasticsearch.home=elasticsearch/elasticsearch-8.19.9")), tmp);

        assertThat(dist.kafkaClasspath()).isEqualTo(tmp.resolve("kafka/libs/*").toString());
        assertThat(dist.elasticsearchHome()).isEqualTo(tmp.resolve("elasticsearch/elasticsearch-8.19.9"));
    }

    @Test
    void infraDistRefusesVersionsReadFromTheWrongDependency() {
        // What a reordered infra-dist pom would produce: the log4j version under the Kafka key.
        assertThatThrownBy(() -> InfraDist.parse(properties(String.join("\n",
                "kafka.artifactId=log4j-core", "kafka.version=2.25.3", "kafka.libs=kafka/libs",
                "elasticsearch.artifactId=elasticsearch", "elasticsearch.version=8.19.9",
                "elasticsearch.home=elasticsearch/elasticsearch-8.19.9")), tmp))
                .hasMessageContaining("dependency order");
    }

    @Test
    void elasticsearchRunsOnTheNewestJdkOf21OrLaterElseOnTheCurrentOne() throws IOException {
        Path jvms = tmp.resolve("jvm");
        jdk(jvms.resolve("java-17"), "17.0.15");
        jdk(jvms.resolve("temurin-25"), "25.0.1");
        jdk(jvms.resolve("temurin-21"), "21.0.8");
        Path current = tmp.resolve("current");

        assertThat(ElasticsearchJdk.select(Map.of(), jvms, current)).isEqualTo(jvms.resolve("temurin-25"));
        assertThat(ElasticsearchJdk.select(Map.of("APFA_ES_JAVA_HOME", jvms.resolve("java-17").toString()), jvms, current))
                .isEqualTo(jvms.resolve("java-17"));
        assertThat(ElasticsearchJdk.select(Map.of(), tmp.resolve("no-jvms"), current)).isEqualTo(current);
    }

    @Test
    void cliLinesShowPidOrExternalAndTheOutcome() {
        ComponentState kafka = ComponentState.of("kafka", "127.0.0.1:9092", OptionalLong.of(4242), true);
        ComponentState redis = ComponentState.of("redis", "redis://127.0.0.1:6379", OptionalLong.empty(), true);
        ComponentState down = ComponentState.of("elasticsearch", "http://127.0.0.1:9200", OptionalLong.empty(), false);

        assertThat(kafka.startedIn(Duration.ofMillis(5300)).upLine()).matches("kafka +127\\.0\\.0\\.1:9092 +pid 4242 +started in 5\\.3 s");
        assertThat(redis.upLine()).matches("redis +redis://127\\.0\\.0\\.1:6379 +external +attached");
        assertThat(down.statusLine()).matches("elasticsearch +http://127\\.0\\.0\\.1:9200 +- +DOWN");
    }

    private static void jdk(Path home, String version) throws IOException {
        Files.createDirectories(home.resolve("bin"));
        Path java = Files.writeString(home.resolve("bin/java"), "#!/bin/sh\n");
        java.toFile().setExecutable(true);
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
    }

    private static Properties properties(String text) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        return properties;
    }
}
