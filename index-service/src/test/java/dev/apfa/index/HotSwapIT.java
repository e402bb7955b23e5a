package dev.apfa.index;

import dev.apfa.index.source.InMemoryVectorSource;
import dev.apfa.index.support.Api;
import dev.apfa.index.support.ServiceTestSupport;
import dev.apfa.index.support.TaskTopic;
import dev.apfa.index.support.TestTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Acceptance 2: 16 clients search continuously over HTTP while two new versions are activated and
 * one is rolled back. No search fails or comes back empty, every answer comes from the version it
 * names, and after each activation every client moves to the new version.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ServiceTestSupport.Tables.class)
class HotSwapIT {

    private static final int CLIENTS = 16;
    private static final int DIMENSION = 32;
    private static final TaskTopic TOPIC = newTopic();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceTestSupport.registerInfrastructure(registry, TOPIC);
    }

    @LocalServerPort
    int port;

    @Autowired
    InMemoryVectorSource tables;

    @AfterAll
    static void closeTopic() {
        TOPIC.close();
    }

    @Test
    void searchesNeverFailWhileVersionsAreSwappedAndRolledBack() throws Exception {
        Api api = new Api(port, ServiceTestSupport.token("admin"));
        Map<Integer, Long> sourceOfVersion = new ConcurrentHashMap<>();
        for (long source = 1; source <= 3; source++) {
            tables.put(TestTables.table("embeddings", source, 4000, DIMENSION, source * 101));
            sourceOfVersion.put(ServiceTestSupport.buildCompleted(api, source), source);
        }
        List<Integer> versions = sourceOfVersion.keySet().stream().sorted().toList();
        int first = versions.get(0);
        int second = versions.get(1);
        int third = versions.get(2);
        assertThat(api.post("/api/admin/indexes/" + first + "/activate", null).status()).isEqualTo(200);

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong searches = new AtomicLong();
        AtomicInteger[] lastVersion = new AtomicInteger[CLIENTS];
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            AtomicInteger last = lastVersion[c] = new AtomicInteger();
            Random random = new Random(c);
            clients.add(pool.submit(() -> {
                while (running.get()) {
                    float[] query = new float[DIMENSION];
                    for (int j = 0; j < DIMENSION; j++) {
                        query[j] = (float) random.nextGaussian();
                    }
                    Api.Response response = api.post("/internal/search", api.json(Map.of("vector", query, "k", 5)));
                    searches.incrementAndGet();
                    String problem = check(response, sourceOfVersion);
                    if (problem != null) {
                        problems.add(problem);
                    } else {
                        last.set(response.body().get("index_version").asInt());
                    }
                }
            }));
        }
        try {
            awaitAllClientsOn(first, lastVersion);
            activateAndAwait(api, second, first, false, lastVersion);
            activateAndAwait(api, third, second, false, lastVersion);
            activateAndAwait(api, second, third, true, lastVersion);
        } finally {
            running.set(false);
            for (Future<?> client : clients) {
                client.get(60, TimeUnit.SECONDS);
            }
            pool.shutdownNow();
        }
        System.out.printf("hot swap: %d searches by %d clients across 3 swaps, %d problems%n",
                searches.get(), CLIENTS, problems.size());
        assertThat(problems).isEmpty();
        assertThat(searches.get()).isGreaterThan(CLIENTS * 4L);
        TOPIC.await("apfa.task.index.activated", e -> e.get("rollback").asBoolean() && e.get("version").asInt() == second);
    }

    private static void activateAndAwait(Api api, int version, int previous, boolean rollback, AtomicInteger[] lastVersion) {
        Api.Response activated = api.post("/api/admin/indexes/" + version + "/activate", null);
        assertThat(activated.status()).isEqualTo(200);
        assertThat(activated.body().get("previous_version").asInt()).isEqualTo(previous);
        assertThat(activated.body().get("rollback").asBoolean()).isEqualTo(rollback);
        // The swap is done when activate returns: a search that starts now sees the new version.
        JsonNode after = api.post("/internal/search", "{\"vector\":" + unitVector() + "}").body();
        assertThat(after.get("index_version").asInt()).isEqualTo(version);
        awaitAllClientsOn(version, lastVersion);
    }

    private static void awaitAllClientsOn(int version, AtomicInteger[] lastVersion) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (AtomicInteger last : lastVersion) {
                if (last.get() != version) {
                    return false;
                }
            }
            return true;
        });
    }

    /** Null when the answer is a full, consistent result; otherwise what is wrong with it. */
    private static String check(Api.Response response, Map<Integer, Long> sourceOfVersion) {
        if (response.status() != 200) {
            return "status " + response.status() + ": " + response.body();
        }
        JsonNode results = response.body().get("results");
        if (results == null || results.size() != 5) {
            return "not 5 results: " + response.body();
        }
        int version = response.body().get("index_version").asInt();
        String expectedPrefix = "t" + sourceOfVersion.get(version) + "-doc-";
        for (JsonNode hit : results) {
            if (!hit.get("doc_id").asString().startsWith(expectedPrefix)) {
                return "v" + version + " answered with " + hit.get("doc_id").asString();
            }
        }
        return null;
    }

    private static String unitVector() {
        StringBuilder vector = new StringBuilder("[1");
        for (int i = 1; i < DIMENSION; i++) {
            vector.append(",0");
        }
        return vector.append(']').toString();
    }

    private static TaskTopic newTopic() {
        try {
            return new TaskTopic("task-events-hotswap-it");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
