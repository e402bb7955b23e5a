package dev.apfa.advice.flow;

import dev.apfa.advice.support.RetrievalStub;
import dev.apfa.advice.support.ServiceTestBase;
import dev.apfa.advice.retrieval.ActiveIndexVersion;
import dev.apfa.contracts.EventEnvelope;
import dev.apfa.contracts.EventTypes;
import dev.apfa.contracts.EventValidator;
import dev.apfa.contracts.task.v1.IndexActivated;
import dev.apfa.messaging.EventPublisher;
import dev.apfa.testkit.http.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The whole flow through HTTP with real PostgreSQL, Redis and Kafka; retrieval from the stub. */
class AdviceFlowIT extends ServiceTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventPublisher publisher;

    @Autowired
    ActiveIndexVersion activeIndex;

    private static String question() {
        return "How much house can I afford with my income and debts? (case " + UUID.randomUUID().toString().substring(0, 8) + ")";
    }

    @Test
    void answersWithCitationsNumbersAndBiasReportAndRecordsTheAnswer() {
        User user = user("user");
        int callsBefore = RETRIEVAL.calls().size();

        Http.Response response = advise(user, Map.of("query", question(), "profile", affordability()));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("generator").asString()).isEqualTo("local");
        assertThat(body.path("cached").asBoolean()).isFalse();
        assertThat(body.path("retrieval_status").asString()).isEqualTo("ok");
        assertThat(body.path("index_version").asInt()).isEqualTo(RetrievalStub.INDEX_VERSION);
        assertThat(body.path("advice").asString()).contains("[1] The 28/36 guideline", "not financial advice");
        assertThat(body.path("citations").get(0).path("doc_id").asString()).isEqualTo("aff-003");
        assertThat(body.path("citations").get(0).path("title").asString()).isEqualTo("The 28/36 guideline");
        assertThat(body.path("citations").get(0).path("snippet").asString()).startsWith("A traditional rule of thumb");
        assertThat(body.path("citations").findValuesAsString("doc_id")).contains("aff-001", "aff-004");
        for (String field : List.of("monthly_payment", "dti_front", "dti_back", "ltv", "max_affordable_loan", "category")) {
            assertThat(body.path("metrics").has(field)).as(field).isTrue();
        }
        assertThat(body.path("metrics").path("monthly_payment").isNumber()).isTrue();
        assertThat(body.path("bias").path("passed").asBoolean()).isTrue();
        assertThat(body.path("bias").has("counterfactual_consistent")).isTrue();
        assertThat(body.path("bias").path("mitigation").asString()).isEqualTo("none");
        assertThat(body.path("classification").asString()).isIn("PUBLIC", "INTERNAL", "SENSITIVE", "RESTRICTED");
        for (String stage : List.of("total", "embed", "retrieve", "generate")) {
            assertThat(body.path("latency_ms").path(stage).isNumber()).as(stage).isTrue();
        }
        assertThat(body.path("trace_id").asString()).matches("[0-9a-f]{32}");

        // The caller's token went to both internal services.
        List<RetrievalStub.Call> calls = RETRIEVAL.calls().subList(callsBefore, RETRIEVAL.calls().size());
        assertThat(calls).extracting(RetrievalStub.Call::path).containsExactly("/internal/embed", "/internal/search");
        assertThat(calls).allSatisfy(call -> assertThat(call.authorization()).isEqualTo("Bearer " + user.token()));
        assertThat(JSON.readTree(calls.get(1).body()).path("k").asInt()).isEqualTo(5);

        String id = body.path("id").asString();
        Map<String, Object> row = jdbc.sql("SELECT user_id::text AS user_id, generator, classification, index_version FROM advice_records WHERE id = ?::uuid")
                .param(id).query().singleRow();
        assertThat(row).containsEntry("user_id", user.id()).containsEntry("generator", "local")
                .containsEntry("index_version", "7").containsEntry("classification", body.path("classification").asString());

        EventValidator validator = new EventValidator();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode audit = find(records(AUDIT_TOPIC), event -> event.path("data").path("resource").path("id").asString().equals(id));
            assertThat(validator.validate(JSON.writeValueAsString(audit))).isEmpty();
            assertThat(audit.path("type").asString()).isEqualTo("apfa.audit.advice.generated");
            assertThat(audit.path("data").path("actor").path("id").asString()).isEqualTo(user.id());
            assertThat(audit.path("data").path("outcome").asString()).isEqualTo("success");
            assertThat(audit.path("data").path("details").path("cached").asBoolean()).isFalse();
            assertThat(audit.path("data").path("details").path("generator").asString()).isEqualTo("local");
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode metric = find(records(METRICS_TOPIC), event -> event.path("data").path("user_id").asString().equals(user.id()));
            assertThat(validator.validate(JSON.writeValueAsString(metric))).isEmpty();
            assertThat(metric.path("type").asString()).isEqualTo("apfa.metrics.request");
            assertThat(metric.path("data").path("route").asString()).isEqualTo("/api/advice");
            assertThat(metric.path("data").path("status").asInt()).isEqualTo(200);
            assertThat(metric.path("data").path("cache_hit").asBoolean()).isFalse();
            assertThat(metric.path("data").path("timings_ms").has("generate")).isTrue();
            assertThat(metric.path("data").path("timings_ms").path("store").isNumber()).as("the history write").isTrue();
        });
    }

    @Test
    void stagesCacheGeneratorsAndBreakersAreExportedToPrometheus() {
        advise(user("user"), Map.of("query", question(), "profile", affordability()));
        String prometheus = http().get("/actuator/prometheus", null).body();
        assertThat(prometheus).contains("apfa_advice_stage_seconds_bucket{", "stage=\"generate\"", "stage=\"bias\"",
                "apfa_advice_cache_total{", "apfa_advice_generations_total{", "resilience4j_circuitbreaker_state{",
                "name=\"embedding-service\"", "name=\"index-service\"");
    }

    @Test
    void theSameQuestionAgainIsACacheHitRecordedLikeAFreshAnswer() {
        User user = user("user");
        Map<String, Object> request = Map.of("query", question(), "profile", affordability());
        JsonNode first = advise(user, request).json();
        int callsAfterFirst = RETRIEVAL.calls().size();

        Http.Response again = advise(user, request);

        assertThat(again.status()).isEqualTo(200);
        JsonNode second = again.json();
        assertThat(second.path("cached").asBoolean()).isTrue();
        assertThat(second.path("id").asString()).isNotEqualTo(first.path("id").asString());
        for (String field : List.of("advice", "citations", "metrics", "bias", "classification", "generator", "index_version")) {
            assertThat(second.path(field)).as(field).isEqualTo(first.path(field));
        }
        assertThat(second.path("latency_ms").path("generate").asDouble()).isZero();
        assertThat(RETRIEVAL.calls()).as("no retrieval for a cache hit").hasSize(callsAfterFirst);
        assertThat(jdbc.sql("SELECT count(*) FROM advice_records WHERE user_id = ?::uuid").param(user.id()).query(Long.class).single())
                .isEqualTo(2);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode audit = find(records(AUDIT_TOPIC),
                    event -> event.path("data").path("resource").path("id").asString().equals(second.path("id").asString()));
            assertThat(audit.path("data").path("details").path("cached").asBoolean()).isTrue();
        });

        // Numbers written differently are the same profile, hence the same cache entry.
        Map<String, Object> rescaled = new HashMap<>(affordability());
        rescaled.put("annual_income", new java.math.BigDecimal("96000.00"));
        assertThat(advise(user, Map.of("query", request.get("query"), "profile", rescaled)).json().path("cached").asBoolean()).isTrue();
    }

    @Test
    void anIndexActivationMakesEarlierAnswersUnreachable() {
        User user = user("user");
        Map<String, Object> request = Map.of("query", question(), "profile", affordability());
        assertThat(advise(user, request).json().path("cached").asBoolean()).isFalse();
        assertThat(advise(user, request).json().path("cached").asBoolean()).isTrue();

        int next = RetrievalStub.INDEX_VERSION + 1;
        IndexActivated activated = new IndexActivated("knowledge", next, RetrievalStub.INDEX_VERSION, false, "index-service");
        // The listener reads from the latest offset once its partition is assigned: publish until it has seen one.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            publisher.publish(TASK_TOPIC, "knowledge", EventEnvelope.create("index-service", EventTypes.INDEX_ACTIVATED,
                    "knowledge", activated)).get();
            return activeIndex.current().orElse(0) == next;
        });

        assertThat(advise(user, request).json().path("cached").asBoolean()).as("new index version, new key").isFalse();
    }

    @Test
    void withoutRetrievalItAnswersFromTheNumbersSaysSoAndDoesNotCacheIt() {
        User user = user("user");
        Map<String, Object> request = Map.of("query", question(), "profile", affordability());
        RETRIEVAL.down(true);
        try {
            Http.Response response = advise(user, request);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode body = response.json();
            assertThat(body.path("retrieval_status").asString()).isEqualTo("unavailable");
            assertThat(body.path("citations").isEmpty()).isTrue();
            assertThat(body.path("index_version").isNull()).isTrue();
            assertThat(body.path("advice").asString()).contains("could not be reached");
            assertThat(body.path("metrics").path("monthly_payment").isNumber()).isTrue();
        } finally {
            RETRIEVAL.down(false);
        }
        JsonNode recovered = advise(user, request).json();
        assertThat(recovered.path("cached").asBoolean()).as("a degraded answer is not cached").isFalse();
        assertThat(recovered.path("retrieval_status").asString()).isEqualTo("ok");
    }

    @Test
    void badInputIsA400ProblemWithTheRequestId() {
        User user = user("user");
        Map<String, Object> tooHighScore = new HashMap<>(affordability());
        tooHighScore.put("credit_score", 900);
        Map<String, Object> negativeRate = new HashMap<>(affordability());
        negativeRate.put("interest_rate", -1);
        List<String> bodies = List.of(
                "{\"query\":\"   \"}",
                "{}",
                Http.json(Map.of("query", "x".repeat(2001))),
                "{\"query\":\"ok\",\"extra\":1}",
                "{\"query\":\"ok\",\"profile\":{\"ssn\":\"900-12-3456\"}}",
                "{\"query\":\"ok\",\"profile\":{\"credit_score\":\"high\"}}",
                "{\"query\":\"ok\",\"profile\":{\"annual_income\":[1]}}",
                Http.json(Map.of("query", "ok", "profile", tooHighScore)),
                Http.json(Map.of("query", "ok", "profile", negativeRate)),
                "{\"query\":",
                "[]");
        for (String body : bodies) {
            Http.Response response = advise(user, body);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.text("request_id")).isNotBlank();
            assertThat(response.body()).as("a problem never echoes the body").doesNotContain("900-12-3456");
        }
        // 2000 characters after trimming are fine.
        assertThat(advise(user, Http.json(Map.of("query", "  " + "a".repeat(1999) + "?  "))).status()).isEqualTo(200);
    }

    @Test
    void aProfileThatDescribesNoLoanIsA400() {
        Map<String, Object> profile = new HashMap<>(affordability());
        profile.put("down_payment", 500000);
        profile.put("property_value", 400000);
        Http.Response response = advise(user("user"), Map.of("query", question(), "profile", profile));
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.text("request_id")).isNotBlank();
    }

    @Test
    void withoutATokenIsA401() {
        Http.Response response = http().post("/api/advice", Http.json(Map.of("query", "hi")), null);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    static JsonNode find(List<String> values, java.util.function.Predicate<JsonNode> match) {
        return values.stream().map(JSON::readTree).filter(match).findFirst()
                .orElseThrow(() -> new AssertionError("no matching event yet"));
    }
}
