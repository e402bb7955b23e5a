package dev.apfa.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against the real services: whatever Infra.shared() started or attached to, provisioned as promised. */
class InfraIT {

    private static Infra infra;
    private static Admin admin;

    @BeforeAll
    static void startInfrastructure() {
        infra = Infra.shared();
        admin = Admin.create(KafkaBroker.adminConfig(infra.kafkaBootstrap()));
    }

    @AfterAll
    static void closeAdmin() {
        admin.close();
    }

    @Test
    void everyContractTopicAndDeadLetterTopicHasItsPartitionsAndRetention() {
        List<TopicSpec> specs = TopicSpec.fromContracts();
        List<String> names = specs.stream().map(TopicSpec::name).collect(Collectors.toList());
        Map<String, TopicDescription> topics = TopicProvisioner.get(admin.describeTopics(names).allTopicNames());
        Map<ConfigResource, Config> configs = TopicProvisioner.get(admin.describeConfigs(names.stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).collect(Collectors.toList())).all());

        for (TopicSpec spec : specs) {
            assertThat(topics.get(spec.name()).partitions()).as(spec.name()).hasSize(spec.partitions());
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
            assertThat(configs.get(resource).get(TopicConfig.RETENTION_MS_CONFIG).value())
                    .as(spec.name() + " retention.ms").isEqualTo(spec.retentionMs());
        }
    }

    @Test
    void provisioningFixesRetentionAndIsIdempotent() {
        String name = Infra.uniqueName("it-retention");
        TopicProvisioner.get(admin.createTopics(List.of(new NewTopic(name, 2, (short) 1)
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "1000")))).all());
        TopicSpec spec = new TopicSpec(name, 2, Duration.ofHours(5));

        new TopicProvisioner(admin).provision(List.of(spec));
        new TopicProvisioner(admin).provision(List.of(spec));

        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, name);
        assertThat(TopicProvisioner.get(admin.describeConfigs(List.of(resource)).all())
                .get(resource).get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo(spec.retentionMs());
        deleteTopic(name);
    }

    @Test
    void aTopicWithTooFewPartitionsIsAnErrorNotASilentPass() {
        String name = Infra.uniqueName("it-partitions");
        TopicProvisioner.get(admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all());

        assertThatThrownBy(() -> new TopicProvisioner(admin).provision(List.of(new TopicSpec(name, 3, Duration.ofDays(1)))))
                .isInstanceOf(InfraException.class)
                .hasMessageContaining(name + " has 1 partitions, the contract needs 3");
        deleteTopic(name);
    }

    @Test
    void elasticsearchAnswersClusterHealth() throws Exception {
        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(infra.elasticsearchUrl() + "/_cluster/health")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).containsPattern("\"status\"\\s*:\\s*\"(green|yellow)\"");
    }

    @Test
    void indexTemplatesFromTheClasspathArePut() throws Exception {
        String name = Infra.uniqueName("it-template");
        EsHttp http = new EsHttp(infra.elasticsearchUrl());
        String body = "{\"index_patterns\":[\"" + name + "-*\"],\"template\":{\"settings\":{\"number_of_replicas\":0}}}";

        IndexTemplates.apply(http, List.of(new IndexTemplates.Template(name, body, null)));

        assertThat(http.get("/_index_template/" + name).status()).isEqualTo(200);
        http.delete("/_index_template/" + name);
    }

    @Test
    void databaseApfaHasTheServiceSchemas() throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                infra.postgresJdbcUrl(), infra.postgresUsername(), infra.postgresPassword());
                ResultSet rows = connection.createStatement().executeQuery("SELECT nspname FROM pg_namespace")) {
            Set<String> schemas = new HashSet<>();
            while (rows.next()) {
                schemas.add(rows.getString(1));
            }
            assertThat(connection.getCatalog()).isEqualTo("apfa");
            assertThat(schemas).contains("auth", "advice", "embedding", "audit");
        }
    }

    @Test
    void redisAnswersPing() {
        assertThat(RedisServer.ping(infra.redisUrl())).isEqualTo("PONG");
    }

    @Test
    void theSharedInstanceIsStartedOnce() {
        assertThat(Infra.shared()).isSameAs(infra);
    }

    @Test
    void springPropertiesPointAtTheSameEndpoints() {
        assertThat(infra.springProperties())
                .containsEntry("spring.kafka.bootstrap-servers", infra.kafkaBootstrap())
                .containsEntry("spring.datasource.url", infra.postgresJdbcUrl())
                .containsEntry("spring.data.redis.url", infra.redisUrl())
                .containsEntry("apfa.elasticsearch.url", infra.elasticsearchUrl());
    }

    private static void deleteTopic(String name) {
        TopicProvisioner.get(admin.deleteTopics(List.of(name)).all());
    }
}
