package dev.apfa.gateway.console;

import dev.apfa.testkit.Infra;
import dev.apfa.testkit.ServiceProcess;
import dev.apfa.testkit.http.Http;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #8: the gateway serves the admin console (the admin-console jar on its classpath) at
 * /admin/ without a token, with the console's CSP and sensible caching, while the APIs it calls
 * still need a token. The hashed asset comes from src/test/resources and stands in for Vite output.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        Infra.shared().springProperties().forEach((name, value) -> registry.add(name, () -> value));
        int closed = ServiceProcess.freePort();
        registry.add("apfa.security.jwks-url", () -> "http://127.0.0.1:" + closed + "/jwks.json");
        registry.add("management.server.port", () -> 0);
    }

    @LocalServerPort
    int port;

    Http http() {
        return new Http("http://127.0.0.1:" + port);
    }

    @Test
    void adminRedirectsToTheConsole() {
        Http.Response response = http().get("/admin", null);
        assertThat(response.status()).isEqualTo(301);
        assertThat(response.header("Location")).isEqualTo("/admin/");
    }

    @Test
    void consolePageIsServedWithoutTokenAndNotCached() {
        Http.Response page = http().get("/admin/", null);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body().toLowerCase()).contains("<html");
        assertThat(page.header("Cache-Control")).isEqualTo("no-cache");
        String csp = page.header("Content-Security-Policy");
        assertThat(csp).contains("script-src 'self'", "style-src 'self'", "connect-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("X-Request-Id")).isNotBlank();
        assertThat(page.header("RateLimit-Limit")).as("static files do not use the API budget").isNull();

        // A client-side route reloads into the same page.
        Http.Response deepLink = http().get("/admin/batches", null);
        assertThat(deepLink.status()).isEqualTo(200);
        assertThat(deepLink.body()).isEqualTo(page.body());
    }

    @Test
    void hashedAssetsAreCachedForGood() {
        Http.Response asset = http().get("/admin/assets/console-it-3f9a1c.css", null);
        assertThat(asset.status()).isEqualTo(200);
        assertThat(asset.header("Content-Type")).startsWith("text/css");
        assertThat(asset.body()).contains("margin:0");
        assertThat(asset.header("Cache-Control")).contains("max-age=31536000", "immutable");
    }

    @Test
    void missingFilesAndOtherMethodsAreProblems() {
        assertProblem(http().get("/admin/assets/nope-123.js", null), 404);
        Http.Response post = http().post("/admin/", "{}", null);
        assertThat(post.status()).isBetween(400, 499);
        assertThat(post.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void theApisTheConsoleCallsStillNeedAToken() {
        assertProblem(http().get("/api/admin/batches", null), 401);
        assertProblem(http().get("/api/events/stream", null), 401);
        assertProblem(http().get("/api/admin/health", "not-a-token"), 401);
    }

    static void assertProblem(Http.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.text("request_id")).isEqualTo(response.header("X-Request-Id"));
    }
}
