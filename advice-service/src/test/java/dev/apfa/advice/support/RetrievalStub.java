package dev.apfa.advice.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * Stands in for embedding-service ({@code POST /internal/embed}) and index-service ({@code POST /internal/search})
 * in service-level tests, with their wire formats; the real ones are exercised by the e2e tests. Records what
 * advice-service sent (bodies and Authorization headers) and can be switched down (503 problem, as
 * index-service answers without an active index).
 */
public final class RetrievalStub {

    public static final int INDEX_VERSION = 7;
    public static final String SEARCH_RESPONSE = """
            {"index_version":7,"results":[
              {"doc_id":"aff-003","score":0.7132,"title":"The 28/36 guideline","section":"Affordability, debt-to-income and loan-to-value rules of thumb",
               "source":"apfa-knowledge/affordability","text":"A traditional rule of thumb keeps housing costs at or below twenty-eight percent of gross monthly income and total debt payments at or below thirty-six percent."},
              {"doc_id":"aff-001","score":0.6518,"title":"Debt-to-income ratio defined",
               "text":"Your debt-to-income ratio, or DTI, is your total monthly debt payments divided by your gross monthly income."},
              {"doc_id":"aff-004","score":0.6001}]}""";

    public record Call(String path, String authorization, String body) {
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile boolean down;

    public RetrievalStub() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/internal/embed", exchange -> handle(exchange,
                "{\"model\":\"all-minilm-l6-v2\",\"dimensions\":4,\"vector\":[0.5,0.5,0.5,0.5]}"));
        server.createContext("/internal/search", exchange -> handle(exchange, SEARCH_RESPONSE));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void down(boolean down) {
        this.down = down;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    private void handle(HttpExchange exchange, String answer) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        calls.add(new Call(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Authorization"), body));
        int status = down ? 503 : 200;
        byte[] bytes = (down ? "{\"status\":503,\"title\":\"Service Unavailable\",\"detail\":\"no active index\"}" : answer)
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", down ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
