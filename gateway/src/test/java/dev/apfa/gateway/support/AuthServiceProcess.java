package dev.apfa.gateway.support;

import dev.apfa.contracts.Topic;
import dev.apfa.testkit.Infra;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The real auth-service, run from its runnable jar (copied to target/it by the build) as its own
 * process on a free port against the shared infrastructure, with a private audit topic and a
 * unique first super_admin. One per JVM; stopped when the JVM exits.
 */
public final class AuthServiceProcess {

    private static AuthServiceProcess shared;

    public final int port;
    public final String adminUsername = Infra.uniqueName("gwroot");
    public final String adminPassword = "Gw-" + UUID.randomUUID();
    public final String auditTopic = Infra.uniqueName("audit-events-gw-it");
    private final Process process;

    private AuthServiceProcess() throws IOException {
        Infra infra = Infra.shared();
        createTopic(infra);
        port = freePort();
        String jar = System.getProperty("apfa.it.auth-jar", "target/it/auth-service.jar");
        Path log = Path.of(jar).getParent().resolve("auth-service-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-jar", jar)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("APFA_AUTH_PORT", Integer.toString(port));
        env.put("APFA_PG_URL", infra.postgresJdbcUrl());
        env.put("APFA_PG_USER", infra.postgresUsername());
        env.put("APFA_PG_PASSWORD", infra.postgresPassword() == null ? "" : infra.postgresPassword());
        env.put("APFA_REDIS_URL", infra.redisUrl());
        env.put("APFA_KAFKA_BOOTSTRAP", infra.kafkaBootstrap());
        env.put("APFA_AUDIT_TOPIC", auditTopic);
        env.put("APFA_ADMIN_USERNAME", adminUsername);
        env.put("APFA_ADMIN_PASSWORD", adminPassword);
        env.put("APFA_PG_POOL_SIZE", "4");
        process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("auth-service exited; see " + log);
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    public static synchronized AuthServiceProcess shared() {
        if (shared == null) {
            try {
                shared = new AuthServiceProcess();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start auth-service", e);
            }
        }
        return shared;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public String jwksUrl() {
        return url() + "/api/auth/.well-known/jwks.json";
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void createTopic(Infra infra) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap()))) {
            admin.createTopics(List.of(new NewTopic(auditTopic, Topic.AUDIT_EVENTS.partitions(), (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + auditTopic, e);
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static File jarFile() {
        return new File(System.getProperty("apfa.it.auth-jar", "target/it/auth-service.jar"));
    }
}
