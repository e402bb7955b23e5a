package dev.apfa.advice.generation;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A local server speaking the wire format of Bedrock's Converse API ({@code POST /model/{modelId}/converse}):
 * replies are scripted per test (answer, throttling, server error, slow answer); every request is recorded with
 * its path, headers and body so the test can check what the SDK sent.
 */
public final class ConverseStub implements AutoCloseable {

    public record Recorded(String method, String path, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** One scripted reply; {@code delayMillis} > 0 makes the server answer late. */
    public record Reply(int status, String errorType, String body, long delayMillis) {
        public static Reply answer(String text) {
            String escaped = text.replace("\\", "\\\\").replace("\"", "\\\"");
            return new Reply(200, null, """
                    {"output":{"message":{"role":"assistant","content":[{"text":"%s"}]}},"stopReason":"end_turn",\
                    "usage":{"inputTokens":120,"outputTokens":40,"totalTokens":160},"metrics":{"latencyMs":35}}"""
                    .formatted(escaped), 0);
        }

        public static Reply throttled() {
            return new Reply(429, "ThrottlingException", "{\"message\":\"Too many requests, please wait before trying again.\"}", 0);
        }

        public static Reply serverError() {
            return new Reply(500, "InternalServerException", "{\"message\":\"Internal server error\"}", 0);
        }

        public static Reply slow(long millis) {
            Reply ok = answer("late");
            return new Reply(ok.status(), null, ok.body(), millis);
        }
    }

    private final HttpServer server;
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedDeque<Reply> script = new ConcurrentLinkedDeque<>();
    private volatile Reply fallback = Reply.answer("default");

    public ConverseStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Replies in this order, then {@code then} for every later request. */
    public void script(Reply then, Reply... first) {
        script.clear();
        script.addAll(List.of(first));
        fallback = then;
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                Map.copyOf(exchange.getRequestHeaders()), body));
        Reply reply = script.pollFirst();
        if (reply == null) {
            reply = fallback;
        }
        if (reply.delayMillis() > 0) {
            try {
                Thread.sleep(reply.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("x-amzn-RequestId", "00000000-0000-0000-0000-000000000000");
        if (reply.errorType() != null) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", reply.errorType() + ":http://internal.amazon.com/coral/com.amazon.bedrock/");
        }
        try {
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException clientGone) {
            // The SDK gave up on a slow reply (attempt timeout): nothing to answer to.
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
