package dev.apfa.embedding;

import dev.apfa.lakehouse.KnowledgeCorpus;
import dev.apfa.lakehouse.Lakehouse;
import dev.apfa.security.testing.TestTokens;
import dev.apfa.testkit.Infra;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * embedding-service starts against the real infrastructure: schema `embedding` migrated, the
 * corpus seeded into `knowledge_base`, readiness UP, metrics exported, query embedding answering.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EmbeddingApplicationIT {

    private static final Path LAKE = tempDir();
    private static final TestTokens TOKENS = TestTokens.start();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Infra.shared().springProperties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("apfa.lakehouse.root", LAKE::toString);
        registry.add("apfa.embedding.jobs-topic", () -> Infra.shared().uniqueName("embedding-jobs-app"));
        TOKENS.properties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Lakehouse lakehouse;

    @Test
    void migratesItsSchemaSeedsTheCorpusAndReportsReady() {
        assertThat(jdbc.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'embedding'")
                .query(String.class).list()).contains("batches", "work_items", "batch_errors");
        assertThat(lakehouse.table(Lakehouse.KNOWLEDGE_BASE).count(0)).isEqualTo(KnowledgeCorpus.load().size());

        RestClient http = RestClient.create("http://127.0.0.1:" + port);
        assertThat(http.get().uri("/actuator/health/readiness").retrieve().body(String.class)).contains("\"status\":\"UP\"");
        assertThat(http.get().uri("/actuator/prometheus").retrieve().body(String.class))
                .contains("application=\"embedding-service\"");
    }

    @Test
    void embedsAQueryAsANormalisedVectorAndRejectsEmptyText() throws Exception {
        HttpResponse<String> ok = post("{\"text\":\"How much house can I afford on a 90,000 salary?\"}");
        assertThat(ok.statusCode()).isEqualTo(200);
        JsonNode body = JsonMapper.builder().build().readTree(ok.body());
        assertThat(body.get("model").asString()).isEqualTo("all-minilm-l6-v2");
        assertThat(body.get("dimensions").asInt()).isEqualTo(384);
        double sum = 0;
        for (JsonNode value : body.get("vector")) {
            sum += value.asDouble() * value.asDouble();
        }
        assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));

        for (String bad : new String[]{"{\"text\":\"  \"}", "{}", "not json", "{\"text\":\"" + "x".repeat(9000) + "\"}"}) {
            HttpResponse<String> rejected = post(bad);
            assertThat(rejected.statusCode()).as(bad).isEqualTo(400);
            assertThat(rejected.body()).contains("\"request_id\"");
        }
    }

    @Test
    void queryEmbeddingNeedsAValidTokenButNoParticularRole() throws Exception {
        String body = "{\"text\":\"What is an escrow account?\"}";
        HttpResponse<String> anonymous = post(body, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(anonymous.body()).contains("\"request_id\":\"req-embed-anon\"");
        HttpResponse<String> expired = post(body, TOKENS.builder(UUID.randomUUID().toString(), "eve", "admin").expired().sign());
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.body()).contains("\"request_id\"");
        // advice-service forwards its caller's token, and that caller is usually a plain user.
        assertThat(post(body, TOKENS.token(UUID.randomUUID().toString(), "uma", "user")).statusCode()).isEqualTo(200);
    }

    /** As a signed-in user with a random id: the endpoint needs a valid token, not a role. */
    private HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return post(body, TOKENS.token(UUID.randomUUID().toString(), "uma", "user"));
    }

    private HttpResponse<String> post(String body, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/internal/embed"))
                .header("Content-Type", "application/json").header("X-Request-Id", "req-embed-anon")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("apfa-lake-app-it");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
