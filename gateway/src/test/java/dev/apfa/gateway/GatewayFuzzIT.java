package dev.apfa.gateway;

import dev.apfa.gateway.support.AuthServiceProcess;
import dev.apfa.testkit.Infra;
import dev.apfa.testkit.fuzz.BodyFuzzer;
import dev.apfa.testkit.http.Http;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance 3 at the edge: generated bad bodies sent through the gateway to auth-service never
 * produce a 5xx or a stack trace, and every refusal (the gateway's own, e.g. 413, or the service's)
 * is problem+json with the request id. Each body comes from its own client address, so the login
 * and register budgets do not interfere.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayFuzzIT {

    static final AuthServiceProcess AUTH = AuthServiceProcess.shared();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Infra.shared().springProperties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("APFA_AUTH_URL", AUTH::url);
        registry.add("apfa.security.jwks-url", AUTH::jwksUrl);
        registry.add("management.server.port", () -> 0);
        registry.add("apfa.gateway.trusted-proxies", () -> 1);
    }

    @LocalServerPort
    int port;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "POST, /api/auth/register, register",
            "POST, /api/auth/login, login",
            "POST, /api/auth/refresh, refresh",
            "PATCH, /api/admin/users/{id}, patch"})
    void generatedBodiesNeverBreakTheEdge(String method, String path, String shape) {
        Http http = new Http("http://127.0.0.1:" + port);
        String admin = http.as(GatewayIT.randomIp())
                .post("/api/auth/login", Http.json(Map.of("username", AUTH.adminUsername, "password", AUTH.adminPassword)), null)
                .text("access_token");
        String target = path.replace("{id}", UUID.randomUUID().toString());
        long seed = 31L * path.hashCode();
        for (String body : new BodyFuzzer(seed, valid(shape), 2_100_000).bodies(200)) {
            http.as(GatewayIT.randomIp());
            Http.Response response = "PATCH".equals(method) ? http.patch(target, body, admin) : http.post(target, body, null);
            String context = "seed " + seed + " body " + abbreviate(body) + " -> " + response.status() + " " + abbreviate(response.body());
            assertThat(response.status()).as(context).isLessThan(500);
            if (response.status() >= 400) {
                assertThat(response.header("Content-Type")).as(context).startsWith("application/problem+json");
                assertThat(response.body()).as(context).contains("\"request_id\":\"" + response.header("X-Request-Id") + "\"")
                        .doesNotContain("Exception", "\tat ", "org.springframework", "tools.jackson");
            }
        }
    }

    private static Map<String, Object> valid(String shape) {
        Map<String, Object> body = new LinkedHashMap<>();
        switch (shape) {
            case "register", "login" -> {
                body.put("username", Infra.uniqueName("gwfuzz"));
                body.put("password", "correct-horse-battery-9");
            }
            case "refresh" -> body.put("refresh_token", "not-a-real-token");
            default -> {
                body.put("role", "admin");
                body.put("disabled", false);
            }
        }
        return body;
    }

    private static String abbreviate(String value) {
        return value == null || value.length() <= 120 ? value : value.substring(0, 120) + "…(" + value.length() + ")";
    }
}
