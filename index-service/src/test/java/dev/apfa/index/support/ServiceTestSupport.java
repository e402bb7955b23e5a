package dev.apfa.index.support;

import dev.apfa.index.source.InMemoryVectorSource;
import dev.apfa.security.testing.TestTokens;
import dev.apfa.testkit.Infra;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the service ITs share: real Kafka, a private artifact directory, in-memory source tables. */
public final class ServiceTestSupport {

    public static final TestTokens TOKENS = TestTokens.start();

    private ServiceTestSupport() {
    }

    public static Path registerInfrastructure(DynamicPropertyRegistry registry, TaskTopic topic) {
        Infra.shared().springProperties().forEach((name, value) -> registry.add(name, () -> value));
        TOKENS.properties().forEach((name, value) -> registry.add(name, () -> value));
        Path data;
        try {
            data = Files.createTempDirectory("index-service-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("apfa.index.artifact-dir", () -> data.resolve("artifacts").toString());
        registry.add("apfa.index.cache-dir", () -> data.resolve("cache").toString());
        registry.add("apfa.index.task-topic", topic::name);
        return data;
    }

    /** A token of a fresh random user with {@code role}, so no stored token version can apply to it. */
    public static String token(String role) {
        return token(UUID.randomUUID().toString(), role);
    }

    public static String token(String userId, String role) {
        return TOKENS.token(userId, role + "-it", role);
    }

    /** Starts a build of the source table at {@code sourceVersion} and waits for its final status. */
    public static JsonNode build(Api api, long sourceVersion) {
        Api.Response started = api.post("/api/admin/indexes/builds", "{\"source_version\":" + sourceVersion + "}");
        assertThat(started.status()).as(String.valueOf(started.body())).isEqualTo(202);
        assertThat(started.body().get("status").asString()).isEqualTo("QUEUED");
        String buildId = started.body().get("build_id").asString();
        return await().atMost(Duration.ofSeconds(120)).until(
                () -> api.get("/api/admin/indexes/builds/" + buildId).body(),
                body -> body.get("status").asString().matches("COMPLETED|FAILED"));
    }

    public static int buildCompleted(Api api, long sourceVersion) {
        JsonNode task = build(api, sourceVersion);
        assertThat(task.get("status").asString()).as(task.toString()).isEqualTo("COMPLETED");
        return task.get("version").asInt();
    }

    @TestConfiguration
    public static class Tables {
        @Bean
        @Primary
        public InMemoryVectorSource inMemoryVectorSource() {
            return new InMemoryVectorSource();
        }
    }
}
