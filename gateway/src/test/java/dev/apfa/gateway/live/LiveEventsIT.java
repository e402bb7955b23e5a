package dev.apfa.gateway.live;

import dev.apfa.contracts.EventEnvelope;
import dev.apfa.contracts.EventTypes;
import dev.apfa.contracts.progress.v1.BatchProgress;
import dev.apfa.contracts.task.v1.BatchStarted;
import dev.apfa.gateway.support.AuthServiceProcess;
import dev.apfa.gateway.support.Forger;
import dev.apfa.messaging.EventPublisher;
import dev.apfa.testkit.Infra;
import dev.apfa.testkit.http.Http;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Issue #9 "Live progress for admins": events published to the (private, per-run) task and progress
 * topics on the real Kafka reach an admin's WebSocket and SSE stream through the gateway, with the
 * token of the real auth-service; a `user` is refused on both, a stream ends when its token expires.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LiveEventsIT {

    static final AuthServiceProcess AUTH = AuthServiceProcess.shared();
    static final String PASSWORD = "correct-horse-battery-9";
    static final String TASKS = Infra.uniqueName("task-events-live-it");
    static final String PROGRESS = Infra.uniqueName("batch-progress-live-it");
    static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        Infra infra = Infra.shared();
        infra.springProperties().forEach((name, value) -> registry.add(name, () -> value));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap()))) {
            admin.createTopics(List.of(new NewTopic(TASKS, 3, (short) 1), new NewTopic(PROGRESS, 2, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        registry.add("APFA_AUTH_URL", AUTH::url);
        registry.add("apfa.security.jwks-url", AUTH::jwksUrl);
        registry.add("management.server.port", () -> 0);
        registry.add("apfa.gateway.live-events.task-topic", () -> TASKS);
        registry.add("apfa.gateway.live-events.progress-topic", () -> PROGRESS);
        registry.add("apfa.gateway.live-events.heartbeat", () -> "1s");
        // Every call comes from 127.0.0.1, whose login/register budgets are shared in Redis with any other
        // gateway on this machine (the running system's, other test runs): not what this test is about.
        registry.add("apfa.gateway.rate-limit.login-per-minute", () -> 100_000);
        registry.add("apfa.gateway.rate-limit.register-per-minute", () -> 100_000);
    }

    @LocalServerPort
    int port;
    @Autowired
    EventPublisher publisher;
    @Autowired
    LiveEventFeed feed;
    @Autowired
    KafkaMessageListenerContainer<String, String> container;

    final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void consumerIsAssigned() {
        await().atMost(Duration.ofSeconds(60)).until(() -> container.getAssignedPartitions() != null
                && container.getAssignedPartitions().size() == 5);
    }

    Http http() {
        return new Http("http://127.0.0.1:" + port);
    }

    String login(String name, String password) {
        Http.Response login = http().post("/api/auth/login", Http.json(Map.of("username", name, "password", password)), null);
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        return login.text("access_token");
    }

    /** A new account with the given role (set by the super_admin), signed in. */
    String tokenOf(String role) {
        String name = Infra.uniqueName("live");
        Http.Response registered = http().post("/api/auth/register", Http.json(Map.of("username", name, "password", PASSWORD)), null);
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        if (!role.equals("user")) {
            String root = login(AUTH.adminUsername, AUTH.adminPassword);
            assertThat(http().patch("/api/admin/users/" + registered.text("id"), Http.json(Map.of("role", role)), root).status())
                    .isEqualTo(200);
        }
        return login(name, PASSWORD);
    }

    /** A WebSocket client that keeps every text message and the close code. */
    static final class Messages implements WebSocket.Listener {
        final ConcurrentLinkedQueue<JsonNode> received = new ConcurrentLinkedQueue<>();
        final StringBuilder partial = new StringBuilder();
        volatile Integer closeCode;

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(JSON.readTree(partial.toString()));
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
            closeCode = code;
            return null;
        }

        List<JsonNode> ofType(String type) {
            return received.stream().filter(m -> m.path("type").asString().equals(type)).toList();
        }
    }

    WebSocket connect(String query, String token, Messages listener) {
        return client.newWebSocketBuilder().subprotocols("apfa.bearer", token)
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/events" + query), listener).join();
    }

    /** An SSE client reading data lines on a background thread. */
    ConcurrentLinkedQueue<JsonNode> sse(String token) {
        ConcurrentLinkedQueue<JsonNode> received = new ConcurrentLinkedQueue<>();
        HttpResponse<Stream<String>> response = client.sendAsync(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/api/events/stream"))
                        .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines()).orTimeout(30, TimeUnit.SECONDS).join();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        Thread reader = new Thread(() -> response.body().filter(line -> line.startsWith("data:"))
                .forEach(line -> received.add(JSON.readTree(line.substring(5).trim()))));
        reader.setDaemon(true);
        reader.start();
        return received;
    }

    void publishProgress(String batchId, long processed) {
        publisher.publish(PROGRESS, batchId, EventEnvelope.create("embedding-service", EventTypes.BATCH_PROGRESS, batchId,
                BatchProgress.of(batchId, processed, 0, 321, 90.0))).join();
    }

    @Test
    void adminsReceiveProgressOnWebSocketAndSse() {
        String admin = tokenOf("admin");
        String watched = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        int before = feed.clients();
        Messages all = new Messages();
        Messages oneBatch = new Messages();
        WebSocket socket = connect("", admin, all);
        assertThat(socket.getSubprotocol()).isEqualTo("apfa.bearer");
        WebSocket filtered = connect("?batch_id=" + watched, admin, oneBatch);
        ConcurrentLinkedQueue<JsonNode> sse = sse(admin);
        await().atMost(Duration.ofSeconds(10)).until(() -> feed.clients() == before + 3);

        Instant sent = Instant.now();
        publisher.publish(TASKS, watched, EventEnvelope.create("embedding-service", EventTypes.BATCH_STARTED, watched,
                new BatchStarted(watched, "knowledge_base", 0, 321))).join();
        publishProgress(other, 64);
        publishProgress(watched, 128);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(all.ofType(EventTypes.BATCH_PROGRESS)).hasSize(2);
            assertThat(all.ofType(EventTypes.BATCH_STARTED)).hasSize(1);
            assertThat(sse.stream().filter(m -> !m.path("type").asString().equals("heartbeat")).count()).isEqualTo(3);
            assertThat(oneBatch.ofType(EventTypes.BATCH_PROGRESS)).hasSize(1);
        });
        JsonNode progress = oneBatch.ofType(EventTypes.BATCH_PROGRESS).get(0);
        assertThat(progress.path("batch_id").asString()).isEqualTo(watched);
        assertThat(progress.path("topic").asString()).isEqualTo(PROGRESS);
        assertThat(progress.path("data").path("processed").asLong()).isEqualTo(128);
        assertThat(progress.path("data").path("total").asLong()).isEqualTo(321);
        assertThat(Instant.parse(progress.path("time").asString())).isAfterOrEqualTo(sent.minusSeconds(1));
        assertThat(oneBatch.ofType(EventTypes.BATCH_STARTED).get(0).path("data").path("status").asString()).isEqualTo("RUNNING");
        assertThat(oneBatch.received).noneMatch(m -> other.equals(m.path("batch_id").asString()));

        // Idle streams carry heartbeats (1 s in this test).
        await().atMost(Duration.ofSeconds(10)).until(() -> !all.ofType("heartbeat").isEmpty()
                && sse.stream().anyMatch(m -> m.path("type").asString().equals("heartbeat")));

        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        filtered.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        await().atMost(Duration.ofSeconds(10)).until(() -> feed.clients() <= before + 1);
    }

    @Test
    void aUserIsRefusedOnBothAndBadInputIsAProblem() {
        String user = tokenOf("user");
        assertThatThrownBy(() -> connect("", user, new Messages()))
                .isInstanceOf(CompletionException.class).cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(403));
        assertThatThrownBy(() -> connect("", Forger.tamper(tokenOf("admin")), new Messages()))
                .cause().satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(401));
        assertThatThrownBy(() -> client.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/events"), new Messages()).join())
                .cause().satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(401));

        assertProblem(http().get("/api/events/stream", user), 403);
        assertProblem(http().get("/api/events/stream", null), 401);
        assertProblem(http().get("/api/events/stream?batch_id=not-a-batch", tokenOf("admin")), 400);
    }

    @Test
    void aStreamEndsWhenItsTokenExpires() {
        Forger forger = new Forger();
        String shortLived = forger.signWithRealKey(forger.claims(UUID.randomUUID().toString(), "admin")
                .expirationTime(java.util.Date.from(Instant.now().plusSeconds(3))).build());
        Messages messages = new Messages();
        connect("", shortLived, messages);
        await().atMost(Duration.ofSeconds(20)).until(() -> messages.closeCode != null);
        assertThat(messages.closeCode).isEqualTo(4401);
    }

    static void assertProblem(Http.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.text("request_id")).isEqualTo(response.header("X-Request-Id"));
    }
}
