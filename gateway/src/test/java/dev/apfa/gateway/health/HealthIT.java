package dev.apfa.gateway.health;

import dev.apfa.gateway.support.AuthServiceProcess;
import dev.apfa.testkit.Infra;
import dev.apfa.testkit.ServiceProcess;
import dev.apfa.testkit.http.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/admin/health} with the real auth-service (UP), a service that accepts connections
 * but never answers (timeout) and services that are not running (refused); admin only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HealthIT {

    static final AuthServiceProcess AUTH = AuthServiceProcess.shared();
    static final ServerSocket HUNG;

    static {
        try {
            HUNG = new ServerSocket(0); // the kernel completes the handshake; nobody ever answers
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        Infra.shared().springProperties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("APFA_AUTH_URL", AUTH::url);
        registry.add("apfa.security.jwks-url", AUTH::jwksUrl);
        registry.add("APFA_EMBEDDING_URL", () -> "http://127.0.0.1:" + HUNG.getLocalPort());
        for (String service : new String[] {"ADVICE", "INDEX", "AUDIT", "SEARCH"}) {
            int closed = ServiceProcess.freePort();
            registry.add("APFA_" + service + "_URL", () -> "http://127.0.0.1:" + closed);
        }
        registry.add("apfa.gateway.health-timeout", () -> "1s");
        registry.add("management.server.port", () -> 0);
    }

    @AfterAll
    static void close() throws IOException {
        HUNG.close();
    }

    @LocalServerPort
    int port;

    @Test
    void eachServiceReadinessIsReportedToAdminsOnly() {
        Http http = new Http("http://127.0.0.1:" + port);
        String admin = login(http, AUTH.adminUsername, AUTH.adminPassword);
        Http.Response report = http.get("/api/admin/health", admin);
        assertThat(report.status()).as(report.body()).isEqualTo(200);
        JsonNode body = report.json();
        assertThat(body.path("status").asString()).isEqualTo("DEGRADED");
        assertThat(body.path("checked_at").asString()).isNotBlank();
        Map<String, JsonNode> byName = new java.util.HashMap<>();
        body.path("services").forEach(service -> byName.put(service.path("name").asString(), service));
        assertThat(byName).containsOnlyKeys("gateway", "auth-service", "advice-service", "embedding-service",
                "index-service", "audit-service", "search-service");
        assertThat(byName.get("gateway").path("status").asString()).isEqualTo("UP");
        assertThat(byName.get("auth-service").path("status").asString()).isEqualTo("UP");
        assertThat(byName.get("auth-service").path("http_status").asInt()).isEqualTo(200);
        assertThat(byName.get("auth-service").has("response_time_ms")).isTrue();
        assertThat(byName.get("embedding-service").path("status").asString()).isEqualTo("UNREACHABLE");
        assertThat(byName.get("embedding-service").path("error").asString()).isEqualTo("timeout");
        assertThat(byName.get("search-service").path("status").asString()).isEqualTo("UNREACHABLE");
        assertThat(byName.get("search-service").path("error").asString()).isEqualTo("connection refused");
        assertThat(report.body()).doesNotContain("127.0.0.1", "actuator");

        String name = Infra.uniqueName("health");
        assertThat(http.post("/api/auth/register", Http.json(Map.of("username", name, "password", "correct-horse-battery-9")), null)
                .status()).isEqualTo(201);
        Http.Response refused = http.get("/api/admin/health", login(http, name, "correct-horse-battery-9"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(http.get("/api/admin/health", null).status()).isEqualTo(401);
    }

    static String login(Http http, String name, String password) {
        Http.Response login = http.post("/api/auth/login", Http.json(Map.of("username", name, "password", password)), null);
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        return login.text("access_token");
    }
}
