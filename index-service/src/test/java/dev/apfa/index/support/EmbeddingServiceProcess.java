package dev.apfa.index.support;

import dev.apfa.testkit.Infra;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The real embedding-service, run from its runnable jar (copied to target/it by the build) as its
 * own process on a free port, with a private data directory (it seeds the shipped corpus as
 * {@code knowledge_base} version 0 there), a private work topic and this JVM's test token issuer.
 * Used for its query embeddings only: no batch runs, so nothing reaches the shared task-events.
 */
public final class EmbeddingServiceProcess implements AutoCloseable {

    public final int port;
    public final Path dataDir;
    private final Process process;

    public EmbeddingServiceProcess() throws IOException {
        Infra infra = Infra.shared();
        port = freePort();
        dataDir = Files.createTempDirectory("index-it-embedding-");
        String jar = System.getProperty("apfa.it.embedding-jar", "target/it/embedding-service.jar");
        Path log = Path.of(jar).toAbsolutePath().getParent().resolve("embedding-service-" + port + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar));
        ServiceTestSupport.TOKENS.properties().forEach((name, value) -> command.add("--" + name + "=" + value));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("APFA_EMBEDDING_PORT", Integer.toString(port));
        env.put("APFA_DATA_DIR", dataDir.toString());
        env.remove("APFA_LAKEHOUSE_URI");
        env.put("APFA_PG_URL", infra.postgresJdbcUrl());
        env.put("APFA_PG_USER", infra.postgresUsername());
        env.put("APFA_PG_PASSWORD", infra.postgresPassword() == null ? "" : infra.postgresPassword());
        env.put("APFA_PG_POOL_SIZE", "3");
        env.put("APFA_REDIS_URL", infra.redisUrl());
        env.put("APFA_KAFKA_BOOTSTRAP", infra.kafkaBootstrap());
        env.put("APFA_EMBEDDING_JOBS_TOPIC", Infra.uniqueName("embedding-jobs-index-it"));
        env.put("APFA_EMBEDDING_WORKERS", "1");
        process = builder.start();
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("embedding-service exited; see " + log);
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The Delta root the process seeded. */
    public Path lakehouse() {
        return dataDir.resolve("delta");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary directory is harmless
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
