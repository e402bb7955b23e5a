package dev.apfa.index.query;

import com.sun.net.httpserver.HttpServer;
import dev.apfa.index.api.BadRequestException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embed call against a local HTTP server answering like embedding-service (vector, 400, 503). */
class QueryEmbedderTest {

    private HttpServer server;
    private final AtomicReference<Integer> status = new AtomicReference<>(200);
    private final AtomicInteger calls = new AtomicInteger();
    private CircuitBreaker breaker;
    private QueryEmbedder embedder;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/internal/embed", exchange -> {
            calls.incrementAndGet();
            int code = status.get();
            byte[] body = (code == 200 ? "{\"model\":\"m\",\"dimensions\":2,\"vector\":[0.6,0.8]}"
                    : "{\"status\":" + code + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(code, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        breaker = CircuitBreaker.of("embedding-service", QueryEmbedder.BREAKER);
        embedder = new QueryEmbedder(new EmbeddingSettings(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                Duration.ofSeconds(1), Duration.ofSeconds(2)), breaker);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void embedsThroughTheService() {
        assertThat(embedder.embed("fixed rate", "Bearer t")).containsExactly(0.6f, 0.8f);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void refusedTextsAreTheCallersErrorAndNeverOpenTheBreaker() {
        status.set(400);
        for (int i = 0; i < 30; i++) {
            assertThatThrownBy(() -> embedder.embed("x", "Bearer t")).isInstanceOf(BadRequestException.class);
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void anUnavailableServiceOpensTheBreakerAndLaterCallsFailWithoutReachingIt() {
        status.set(503);
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> embedder.embed("x", "Bearer t")).isInstanceOf(EmbeddingUnavailableException.class);
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        int reached = calls.get();

        status.set(200);
        assertThatThrownBy(() -> embedder.embed("x", "Bearer t")).isInstanceOf(EmbeddingUnavailableException.class)
                .hasCauseInstanceOf(CallNotPermittedException.class);
        assertThat(calls.get()).isEqualTo(reached);

        // After the open period, trial calls go through and close it again.
        breaker.transitionToHalfOpenState();
        for (int i = 0; i < 3; i++) {
            assertThat(embedder.embed("x", "Bearer t")).hasSize(2);
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }
}
