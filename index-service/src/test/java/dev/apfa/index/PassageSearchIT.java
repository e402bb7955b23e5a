package dev.apfa.index;

import dev.apfa.index.support.Api;
import dev.apfa.index.support.EmbeddingServiceProcess;
import dev.apfa.index.support.ServiceTestSupport;
import dev.apfa.index.support.TaskTopic;
import dev.apfa.lakehouse.DeltaTable;
import dev.apfa.lakehouse.Document;
import dev.apfa.lakehouse.DocumentCodec;
import dev.apfa.lakehouse.EmbeddingCodec;
import dev.apfa.lakehouse.EmbeddingRow;
import dev.apfa.lakehouse.Lakehouse;
import io.delta.standalone.actions.Action;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passages in search results and text queries, on real parts: the real embedding-service (its own
 * process, the shipped corpus seeded as {@code knowledge_base} v0 in a private lakehouse) embeds
 * every passage and the queries; the test writes those vectors as the Delta {@code embeddings}
 * table, as a batch would; index-service builds from the real Delta tables, activates, and answers
 * text queries with the passages of the version it searched, through a re-titled corpus version
 * and a rollback.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PassageSearchIT {

    private static final TaskTopic TOPIC = newTopic();
    private static final String QUESTION = "How much house can I afford with my income and my monthly debts?";
    private static EmbeddingServiceProcess embedding;
    private static Path data;
    private static Map<String, Document> corpus;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        data = ServiceTestSupport.registerInfrastructure(registry, TOPIC);
        // Resolved when the context starts, after @BeforeAll started the process.
        registry.add("apfa.lakehouse.root", () -> embedding.lakehouse().toString());
        registry.add("apfa.index.embedding.url", () -> embedding.url());
    }

    @LocalServerPort
    int port;

    @BeforeAll
    static void embedTheCorpus() throws Exception {
        embedding = new EmbeddingServiceProcess();
        Api embedder = new Api(embedding.port, ServiceTestSupport.token("user"));
        DeltaTable knowledge = Lakehouse.at(embedding.lakehouse().toString()).table("knowledge_base");
        corpus = knowledge.readAll(0, DocumentCodec.INSTANCE).stream()
                .collect(Collectors.toMap(Document::id, d -> d, (a, b) -> a, java.util.LinkedHashMap::new));
        assertThat(corpus).hasSizeGreaterThan(300);
        List<EmbeddingRow> rows = new ArrayList<>();
        for (Document document : corpus.values()) {
            rows.add(row(embedder, document, 0));
        }
        commitEmbeddings(rows, "it-batch-0", List.of());
    }

    @AfterAll
    static void stop() {
        TOPIC.close();
        if (embedding != null) {
            embedding.close();
        }
    }

    @Test
    void textQueriesReturnThePassagesOfTheVersionTheySearched() throws Exception {
        Api api = new Api(port, ServiceTestSupport.token("admin"));
        int first = ServiceTestSupport.buildCompleted(api, 0);
        JsonNode manifest = manifest(api, first);
        assertThat(manifest.get("sha256").get("docs.jsonl").asString()).hasSize(64);
        assertThat(manifest.get("corpus_table").asString()).isEqualTo("knowledge_base");
        assertThat(manifest.get("corpus_versions").get(0).asLong()).isZero();
        assertThat(api.post("/api/admin/indexes/" + first + "/activate", null).status()).isEqualTo(200);

        // A user's token is forwarded to embedding-service, which checks it itself.
        Api user = new Api(port, ServiceTestSupport.token("user"));
        Api.Response hits = user.post("/internal/search", user.json(Map.of("text", QUESTION, "k", 5)));
        assertThat(hits.status()).as(String.valueOf(hits.body())).isEqualTo(200);
        assertThat(hits.body().get("index_version").asInt()).isEqualTo(first);
        JsonNode results = hits.body().get("results");
        assertThat(results).hasSize(5);
        List<String> ids = new ArrayList<>();
        for (JsonNode hit : results) {
            String docId = hit.get("doc_id").asString();
            ids.add(docId);
            Document document = corpus.get(docId);
            assertThat(hit.get("title").asString()).isEqualTo(document.title());
            assertThat(hit.get("section").asString()).isEqualTo(document.section());
            assertThat(hit.get("source").asString()).isEqualTo(document.source());
            assertThat(hit.get("text").asString()).isEqualTo(document.text());
            assertThat(document.text()).startsWith(hit.get("snippet").asString().replace("…", ""));
            assertThat(hit.get("score").asDouble()).isBetween(0.0, 1.0001);
        }
        // The affordability section answers this question.
        assertThat(ids).anyMatch(id -> id.startsWith("aff-"));

        // A vector query gets the same passages.
        float[] vector = embed(new Api(embedding.port, ServiceTestSupport.token("user")), QUESTION);
        Api.Response byVector = user.post("/internal/search", user.json(Map.of("vector", vector, "k", 5)));
        assertThat(byVector.body().get("results").get(0).get("doc_id").asString()).isEqualTo(ids.get(0));
        assertThat(byVector.body().get("results").get(0).get("title").asString()).isEqualTo(corpus.get(ids.get(0)).title());

        // Version 2: the top passage re-titled in a new corpus version and re-embedded.
        String top = ids.get(0);
        Document retitled = new Document(top, corpus.get(top).title() + " (revised)", corpus.get(top).section(),
                corpus.get(top).source(), corpus.get(top).text());
        long corpusV1 = rewriteCorpus(retitled);
        Api embedder = new Api(embedding.port, ServiceTestSupport.token("user"));
        long embeddingsV1 = commitEmbeddings(List.of(row(embedder, retitled, corpusV1)), "it-batch-1", List.of(top));
        int second = ServiceTestSupport.buildCompleted(api, embeddingsV1);
        assertThat(manifest(api, second).get("corpus_versions").toString()).isEqualTo("[0," + corpusV1 + "]");

        assertThat(api.post("/api/admin/indexes/" + second + "/activate", null).status()).isEqualTo(200);
        assertThat(hitFor(user, top, second).get("title").asString()).isEqualTo(retitled.title());
        // Rollback: ids and passages go back together.
        assertThat(api.post("/api/admin/indexes/" + first + "/activate", null).status()).isEqualTo(200);
        assertThat(hitFor(user, top, first).get("title").asString()).isEqualTo(corpus.get(top).title());
    }

    @Test
    void tamperedPassagesAreRefusedAndBadTextIsA400() throws Exception {
        Api api = new Api(port, ServiceTestSupport.token("admin"));
        int version = ServiceTestSupport.buildCompleted(api, 0);
        Path docs = data.resolve("artifacts/indexes/knowledge/v" + version + "/docs.jsonl");
        Files.writeString(docs, Files.readString(docs).replaceFirst("\"title\":\"", "\"title\":\"Edited "));
        Api.Response refused = api.post("/api/admin/indexes/" + version + "/activate", null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().get("detail").asString()).contains("docs.jsonl");

        for (String body : List.of("{\"text\":\"   \"}", "{\"text\":\"" + "a".repeat(8_001) + "\"}",
                "{\"text\":\"x\",\"vector\":[0.1]}", "{\"k\":3}", "{\"text\":\"x\",\"k\":0}")) {
            Api.Response bad = api.post("/internal/search", body);
            assertThat(bad.status()).as(body.length() > 60 ? body.substring(0, 60) : body).isEqualTo(400);
            assertThat(bad.contentType()).startsWith("application/problem+json");
            assertThat(bad.body().get("request_id").asString()).isEqualTo(bad.requestId());
        }
    }

    private static JsonNode hitFor(Api user, String docId, int version) {
        Document document = corpus.get(docId);
        Api.Response hits = user.post("/internal/search", user.json(Map.of("text", document.title() + ". " + document.text(), "k", 3)));
        assertThat(hits.body().get("index_version").asInt()).isEqualTo(version);
        JsonNode hit = hits.body().get("results").get(0);
        assertThat(hit.get("doc_id").asString()).isEqualTo(docId);
        return hit;
    }

    private static JsonNode manifest(Api api, int version) {
        for (JsonNode entry : api.get("/api/admin/indexes").body().get("versions")) {
            if (entry.get("version").asInt() == version) {
                return entry.get("manifest");
            }
        }
        throw new AssertionError("no version " + version);
    }

    private static EmbeddingRow row(Api embedder, Document document, long sourceVersion) {
        return new EmbeddingRow(document.id(), "knowledge_base", document.contentHash(), "all-MiniLM-L6-v2",
                embed(embedder, document.embeddingText()), sourceVersion, "it");
    }

    private static float[] embed(Api embedder, String text) {
        Api.Response response = embedder.post("/internal/embed", embedder.json(Map.of("text", text)));
        assertThat(response.status()).as(String.valueOf(response.body())).isEqualTo(200);
        JsonNode vector = response.body().get("vector");
        float[] out = new float[vector.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) vector.get(i).asDouble();
        }
        return out;
    }

    /** A new corpus version holding every document, with {@code changed} replacing its namesake. */
    private static long rewriteCorpus(Document changed) {
        DeltaTable knowledge = Lakehouse.at(embedding.lakehouse().toString()).table("knowledge_base");
        long latest = knowledge.latestVersion();
        Map<String, Document> next = new HashMap<>(corpus);
        next.put(changed.id(), changed);
        List<Action> actions = new ArrayList<>();
        knowledge.files(latest).forEach(file -> actions.add(file.remove()));
        actions.add(knowledge.writeDataFile(DocumentCodec.INSTANCE, next.values(), null, Map.of()));
        return knowledge.commit(DocumentCodec.INSTANCE, actions, "rewrite", null);
    }

    /** Adds {@code rows} as a new embeddings version, dropping the older rows of {@code replaced} (as a batch does). */
    private static long commitEmbeddings(List<EmbeddingRow> rows, String batch, List<String> replaced) {
        DeltaTable embeddings = Lakehouse.at(embedding.lakehouse().toString()).table("embeddings");
        List<Action> actions = new ArrayList<>();
        if (!replaced.isEmpty()) {
            long latest = embeddings.latestVersion();
            List<EmbeddingRow> kept = embeddings.readAll(latest, EmbeddingCodec.INSTANCE).stream()
                    .filter(r -> !replaced.contains(r.docId())).toList();
            embeddings.files(latest).forEach(file -> actions.add(file.remove()));
            actions.add(embeddings.writeDataFile(EmbeddingCodec.INSTANCE, kept, null, Map.of()));
        }
        actions.add(embeddings.writeDataFile(EmbeddingCodec.INSTANCE, rows, null, Map.of("batch_id", batch)));
        return embeddings.commit(EmbeddingCodec.INSTANCE, actions, "embed", null);
    }

    private static TaskTopic newTopic() {
        try {
            return new TaskTopic("task-events-passages-it");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
