package dev.apfa.security.servlet;

import dev.apfa.security.CurrentUser;
import dev.apfa.security.Role;
import dev.apfa.security.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A servlet service with only libs/security added: what a caller with each kind of token gets. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = ResourceServerTest.App.class,
        properties = {"spring.config.import=classpath:apfa-service.yml", "spring.application.name=probe",
                "apfa.security.public-paths=/open/**", "management.otlp.metrics.export.enabled=false"})
class ResourceServerTest {

    static final TestTokens TOKENS = TestTokens.start();

    @DynamicPropertySource
    static void jwt(DynamicPropertyRegistry registry) {
        TOKENS.properties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @SpringBootApplication
    static class App {
        @RestController
        static class Probe {
            @GetMapping("/me")
            Map<String, Object> me(CurrentUser user) {
                return Map.of("id", user.id(), "username", user.username(), "admin", user.hasAtLeast(Role.ADMIN));
            }

            @GetMapping("/advisors")
            @PreAuthorize("hasRole('FINANCIAL_ADVISOR')")
            String advisors() {
                return "advisors";
            }

            @GetMapping("/open/ping")
            String ping() {
                return "pong";
            }
        }
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(response.body()).contains("\"request_id\":\"" + response.headers().firstValue("X-Request-Id").orElseThrow());
    }

    @Test
    void validTokenReachesTheEndpointAsItsUser() throws Exception {
        HttpResponse<String> response = get("/me", TOKENS.token("u-1", "alice", "user"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"id\":\"u-1\"", "\"username\":\"alice\"", "\"admin\":false");
    }

    @Test
    void noTokenIs401ButPublicAndHealthPathsAreOpen() throws Exception {
        assertProblem(get("/me", null), 401);
        assertThat(get("/me", null).headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(get("/open/ping", null).body()).contains("pong");
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
    }

    @Test
    void forgedOrStaleTokensAre401() throws Exception {
        assertProblem(get("/me", TOKENS.algNone("u-1", "alice", "admin")), 401);
        assertProblem(get("/me", TOKENS.hs256WithPublicKey("u-1", "alice", "admin")), 401);
        assertProblem(get("/me", TOKENS.builder("u-1", "alice", "user").expired().sign()), 401);
        assertProblem(get("/me", TOKENS.builder("u-1", "alice", "user").issuer("https://evil.example").sign()), 401);
        assertProblem(get("/me", TOKENS.builder("u-1", "alice", "user").audience("other-app").sign()), 401);
        assertProblem(get("/me", TOKENS.tampered("u-1", "alice")), 401);
        assertProblem(get("/me", TOKENS.builder("u-1", "alice", "user").signedByStranger().sign()), 401);
        assertProblem(get("/me", "not-a-jwt"), 401);
    }

    @Test
    void roleHierarchyDecidesMethodSecurity() throws Exception {
        assertProblem(get("/advisors", TOKENS.token("u-1", "alice", "user")), 403);
        assertThat(get("/advisors", TOKENS.token("u-2", "bob", "financial_advisor")).statusCode()).isEqualTo(200);
        assertThat(get("/advisors", TOKENS.token("u-3", "carol", "super_admin")).statusCode()).isEqualTo(200);
    }
}
