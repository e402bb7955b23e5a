package dev.apfa.advice.retrieval;

import dev.apfa.advice.AdviceProperties;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Embeds the redacted question (embedding-service {@code POST /internal/embed}) and searches the active index
 * (index-service {@code POST /internal/search}), each with its own timeout and circuit breaker. The caller's
 * bearer token is forwarded: both services validate it themselves. Any failure gives a {@link Retrieval}
 * without passages, never an exception: the flow answers without sources and says so.
 */
public class Retriever {

    private static final Logger log = LoggerFactory.getLogger(Retriever.class);

    private final RestClient embedding;
    private final RestClient index;
    private final CircuitBreaker embedBreaker;
    private final CircuitBreaker searchBreaker;
    private final JsonMapper json;
    private final ActiveIndexVersion active;
    private final int topK;

    public Retriever(AdviceProperties.Retrieval settings, CircuitBreaker embedBreaker, CircuitBreaker searchBreaker,
                     JsonMapper json, ActiveIndexVersion active) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1).build();
        this.embedding = client(http, settings.embeddingUrl(), settings.embedTimeout());
        this.index = client(http, settings.indexUrl(), settings.searchTimeout());
        this.embedBreaker = embedBreaker;
        this.searchBreaker = searchBreaker;
        this.json = json;
        this.active = active;
        this.topK = settings.topK();
    }

    private static RestClient client(HttpClient http, String baseUrl, Duration readTimeout) {
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(readTimeout);
        return RestClient.builder().baseUrl(baseUrl).requestFactory(factory).build();
    }

    public Retrieval retrieve(String redactedQuery, String bearerToken) {
        long start = System.nanoTime();
        JsonNode vector;
        try {
            ObjectNode body = json.createObjectNode().put("text", redactedQuery);
            JsonNode embedded = embedBreaker.executeSupplier(() -> post(embedding, "/internal/embed", body, bearerToken));
            vector = embedded.get("vector");
            if (vector == null || !vector.isArray() || vector.isEmpty()) {
                return Retrieval.unavailable("embedding-service returned no vector", System.nanoTime() - start, 0);
            }
        } catch (RuntimeException e) {
            return failed("embedding-service", e, System.nanoTime() - start, 0);
        }
        long embedNanos = System.nanoTime() - start;
        long searchStart = System.nanoTime();
        try {
            ObjectNode body = json.createObjectNode();
            body.set("vector", vector);
            body.put("k", topK);
            JsonNode hits = searchBreaker.executeSupplier(() -> post(index, "/internal/search", body, bearerToken));
            Retrieval retrieval = parse(hits, embedNanos, System.nanoTime() - searchStart);
            if (retrieval.indexVersion() != null) {
                active.observe(retrieval.indexVersion());
            }
            return retrieval;
        } catch (RuntimeException e) {
            return failed("index-service", e, embedNanos, System.nanoTime() - searchStart);
        }
    }

    private JsonNode post(RestClient client, String path, JsonNode body, String bearerToken) {
        String response = client.post().uri(path)
                .contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON)
                .headers(headers -> {
                    if (bearerToken != null) {
                        headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + bearerToken);
                    }
                })
                .body(json.writeValueAsString(body))
                .retrieve().body(String.class);
        return json.readTree(response == null ? "{}" : response);
    }

    /** Tolerates results without metadata: only {@code doc_id} is required of a hit. */
    Retrieval parse(JsonNode hits, long embedNanos, long retrieveNanos) {
        JsonNode version = hits.get("index_version");
        List<Passage> passages = new ArrayList<>();
        JsonNode results = hits.get("results");
        if (results != null && results.isArray()) {
            for (JsonNode hit : results) {
                String docId = text(hit, "doc_id");
                if (docId == null) {
                    continue;
                }
                String text = text(hit, "text");
                passages.add(new Passage(docId, text(hit, "title"), text(hit, "section"), text(hit, "source"),
                        text != null ? text : text(hit, "snippet"), hit.path("score").asDouble(0)));
            }
        }
        Integer indexVersion = version != null && version.isNumber() ? version.asInt() : null;
        return new Retrieval(indexVersion, List.copyOf(passages), null, embedNanos, retrieveNanos);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asString();
    }

    private static Retrieval failed(String service, RuntimeException e, long embedNanos, long retrieveNanos) {
        String reason;
        if (e instanceof CallNotPermittedException) {
            reason = service + " circuit breaker is open";
        } else if (e instanceof RestClientResponseException response) {
            reason = service + " answered " + response.getStatusCode().value();
        } else {
            reason = service + " unreachable (" + e.getClass().getSimpleName() + ")";
        }
        // The reason names the service and the failure class only: never the question.
        log.warn("retrieval unavailable: {}", reason);
        return Retrieval.unavailable(reason, embedNanos, retrieveNanos);
    }
}
