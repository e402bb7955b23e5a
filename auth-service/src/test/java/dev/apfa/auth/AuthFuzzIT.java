package dev.apfa.auth;

import dev.apfa.auth.support.AuditTap;
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
 * Acceptance 3: a few hundred generated bad bodies per endpoint never produce a 5xx or a stack
 * trace; every refusal is problem+json with the request id.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuthFuzzIT {

    static final AuditTap AUDIT = new AuditTap().create();
    static final String ADMIN = Infra.uniqueName("fuzzroot");
    static final String ADMIN_PASSWORD = "Fuzz-" + UUID.randomUUID();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Infra.shared().springProperties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("apfa.auth.audit-topic", () -> AUDIT.topic);
        registry.add("apfa.auth.admin.username", () -> ADMIN);
        registry.add("apfa.auth.admin.password", () -> ADMIN_PASSWORD);
    }

    @LocalServerPort
    int port;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "POST, /api/auth/register, register",
            "POST, /api/auth/login, login",
            "POST, /api/auth/refresh, refresh",
            "POST, /api/auth/logout, refresh",
            "POST, /api/auth/logout-all, none",
            "PATCH, /api/admin/users/{id}, patch"})
    void generatedBodiesNeverBreakTheService(String method, String path, String shape) {
        Http http = new Http("http://127.0.0.1:" + port);
        String token = http.post("/api/auth/login", Http.json(Map.of("username", ADMIN, "password", ADMIN_PASSWORD)), null)
                .text("access_token");
        String target = path.replace("{id}", UUID.randomUUID().toString());
        long seed = path.hashCode();
        for (String body : new BodyFuzzer(seed, valid(shape), 1_100_000).bodies(300)) {
            Http.Response response = "PATCH".equals(method) ? http.patch(target, body, token)
                    : http.post(target, body, path.endsWith("logout-all") ? null : token);
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
                body.put("username", Infra.uniqueName("fuzz"));
                body.put("password", "correct-horse-battery-9");
            }
            case "refresh" -> body.put("refresh_token", "not-a-real-token");
            case "patch" -> {
                body.put("role", "admin");
                body.put("disabled", false);
            }
            default -> { }
        }
        return body;
    }

    private static String abbreviate(String value) {
        return value == null || value.length() <= 120 ? value : value.substring(0, 120) + "…(" + value.length() + ")";
    }
}
