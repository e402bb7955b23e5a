package dev.apfa.e2e.batches;

import dev.apfa.e2e.RunningSystem;
import dev.apfa.testkit.http.Http;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Issue #9 acceptance 1 on the running system, through the gateway only: an admin starts a batch over
 * the shipped corpus (321 passages in knowledge/), watches it on {@code WS /ws/events} until it
 * completes, and the resulting {@code embeddings} version holds one embedding per passage (the index
 * index-service builds from exactly that version has ntotal 321); a {@code user} gets 403 everywhere.
 */
class LiveBatchIT {

    static final int PASSAGES = 321;
    static final JsonMapper JSON = JsonMapper.builder().build();
    private final Http http = RunningSystem.gateway();
    private final String base = System.getProperty("apfa.e2e.url", "http://127.0.0.1:8080");

    /** Keeps every message; a real browser would do the same with the WebSocket's onmessage. */
    static final class Listener implements WebSocket.Listener {
        final ConcurrentLinkedQueue<JsonNode> messages = new ConcurrentLinkedQueue<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(JSON.readTree(partial.toString()));
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        List<JsonNode> of(String batchId, String type) {
            return messages.stream().filter(m -> batchId.equals(m.path("batch_id").asString())
                    && type.equals(m.path("type").asString())).toList();
        }
    }

    WebSocket connect(String token, Listener listener) {
        return HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("apfa.bearer", token)
                .buildAsync(URI.create(base.replaceFirst("^http", "ws") + "/ws/events"), listener).join();
    }

    @Test
    void anAdminWatchesABatchOverTheCorpusUntilItCompletes() {
        String admin = RunningSystem.admin(http).token();
        Listener listener = new Listener();
        WebSocket socket = connect(admin, listener);
        assertThat(socket.getSubprotocol()).isEqualTo("apfa.bearer");

        Http.Response started = http.post("/api/admin/batches", Http.json(Map.of("source_table", "knowledge_base")), admin);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String batchId = started.text("batch_id");

        // Until the batch is completed and its progress reached the total (two topics: either may come first).
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                .until(() -> !listener.of(batchId, "apfa.task.batch.completed").isEmpty()
                        && listener.of(batchId, "apfa.batch.progress").stream()
                        .anyMatch(p -> p.path("data").path("processed").asLong() == PASSAGES));
        assertThat(listener.of(batchId, "apfa.batch.progress"))
                .allSatisfy(p -> assertThat(p.path("data").path("total").asLong()).isEqualTo(PASSAGES));
        assertThat(listener.of(batchId, "apfa.task.batch.queued")).hasSize(1);
        JsonNode completed = listener.of(batchId, "apfa.task.batch.completed").get(0).path("data");
        assertThat(completed.path("status").asString()).isEqualTo("COMPLETED");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();

        Http.Response batch = http.get("/api/admin/batches/" + batchId, admin);
        assertThat(batch.text("status")).isEqualTo("COMPLETED");
        JsonNode view = batch.json();
        assertThat(view.path("total").asLong()).isEqualTo(PASSAGES);
        assertThat(view.path("processed").asLong() + view.path("skipped").asLong()).isEqualTo(PASSAGES);
        assertThat(view.path("failed").asLong()).isZero();
        long version = view.path("embeddings_version").asLong();
        assertThat(version).isEqualTo(completed.path("embeddings_version").asLong());

        // One embedding per passage in that version of the embeddings table: index-service builds from
        // exactly it on batch.completed, and its manifest counts the vectors.
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode versions = http.get("/api/admin/indexes", admin).json().path("versions");
            assertThat(versions.valueStream().map(v -> v.path("manifest"))
                    .filter(m -> m.path("source_version").asLong() == version && m.path("source_table").asString().equals("embeddings"))
                    .map(m -> m.path("ntotal").asLong()).toList()).contains((long) PASSAGES);
        });
    }

    @Test
    void aUserIsRefused() {
        String user = RunningSystem.user(http).token();
        Http.Response start = http.post("/api/admin/batches", Http.json(Map.of("source_table", "knowledge_base")), user);
        assertThat(start.status()).isEqualTo(403);
        assertThat(start.header("Content-Type")).startsWith("application/problem+json");
        assertThatThrownBy(() -> connect(user, new Listener())).cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(403));
        Http.Response stream = http.get("/api/events/stream", user);
        assertThat(stream.status()).isEqualTo(403);
        assertThat(stream.header("Content-Type")).startsWith("application/problem+json");
    }
}
