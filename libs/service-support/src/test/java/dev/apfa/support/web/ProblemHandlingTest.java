package dev.apfa.support.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared servlet error handling, seen from a client: statuses, problem+json, request ids, nothing leaked. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = ProblemHandlingTest.App.class,
        properties = {"spring.config.import=classpath:apfa-service.yml", "apfa.http.max-body-size=2KB", "spring.application.name=probe", "management.otlp.metrics.export.enabled=false",
                "management.tracing.export.enabled=false", "management.opentelemetry.tracing.export.otlp.endpoint="})
class ProblemHandlingTest {

    @SpringBootApplication
    static class App {
        @RestController
        static class Probe {
            record Loan(@NotBlank String name, @NotNull Integer amount) { }

            @PostMapping("/loans")
            Map<String, Object> create(@Valid @RequestBody Loan loan) {
                return Map.of("name", loan.name(), "amount", loan.amount());
            }

            @GetMapping("/boom")
            String boom() {
                throw new IllegalStateException("secret-internal-detail at db host 10.1.2.3");
            }

            @GetMapping("/count")
            int count(@RequestParam int n) {
                return n;
            }
        }
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(String path, String body, String requestId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        String id = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(response.body()).contains("\"request_id\":\"" + id + "\"").doesNotContain("Exception", "at dev.");
    }

    @Test
    void validBodyPassesAndGetsARequestId() throws Exception {
        HttpResponse<String> response = post("/loans", "{\"name\":\"a\",\"amount\":3}", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void saneIncomingRequestIdIsKeptAndInsaneOneReplaced() throws Exception {
        assertThat(post("/loans", "{}", "client-req-0001").headers().firstValue("X-Request-Id"))
                .contains("client-req-0001");
        assertThat(post("/loans", "{}", "bad id with spaces <script>").headers().firstValue("X-Request-Id").orElseThrow())
                .doesNotContain(" ").hasSize(36);
    }

    @Test
    void malformedJsonIs400() throws Exception {
        assertProblem(post("/loans", "{\"name\":", null), 400);
    }

    @Test
    void wrongTypeIs400NamingTheField() throws Exception {
        HttpResponse<String> response = post("/loans", "{\"name\":\"a\",\"amount\":\"many\"}", null);
        assertProblem(response, 400);
        assertThat(response.body()).contains("amount").doesNotContain("many");
    }

    @Test
    void missingFieldIs400WithFieldErrors() throws Exception {
        HttpResponse<String> response = post("/loans", "{\"name\":\"a\"}", null);
        assertProblem(response, 400);
        assertThat(response.body()).contains("\"field\":\"amount\"");
    }

    @Test
    void unknownFieldIsRejected() throws Exception {
        HttpResponse<String> response = post("/loans", "{\"name\":\"a\",\"amount\":1,\"role\":\"admin\"}", null);
        assertProblem(response, 400);
        assertThat(response.body()).contains("Unknown field 'role'");
    }

    @Test
    void oversizedBodyIs413() throws Exception {
        assertProblem(post("/loans", "{\"name\":\"" + "x".repeat(5000) + "\",\"amount\":1}", null), 413);
    }

    @Test
    void badParameterIs400AndUnknownPathIs404() throws Exception {
        assertProblem(get("/count?n=abc"), 400);
        assertProblem(get("/count"), 400);
        assertProblem(get("/nowhere"), 404);
    }

    @Test
    void unexpectedErrorIsGeneric500WithoutDetails() throws Exception {
        HttpResponse<String> response = get("/boom");
        assertProblem(response, 500);
        assertThat(response.body()).doesNotContain("secret-internal-detail", "10.1.2.3", "IllegalState");
    }

    @Test
    void wrongMethodIs405() throws Exception {
        assertProblem(get("/loans"), 405);
    }
}
