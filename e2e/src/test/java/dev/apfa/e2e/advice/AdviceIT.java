package dev.apfa.e2e.advice;

import dev.apfa.e2e.RunningSystem;
import dev.apfa.testkit.http.Http;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The advice flow of the running system through the gateway, with the real embedding-service, index-service
 * (the shipped corpus indexed) and the local generator: relevant citations, numbers that match a calculation
 * made here, the cache, history ownership, and no personal data in the searchable audit trail.
 */
class AdviceIT {

    private static final Http HTTP = RunningSystem.gateway();

    /** A salary, debts and a loan, and the question about them. */
    private static final Map<String, Object> PROFILE = Map.of("annual_income", 96000, "monthly_debt", 450,
            "credit_score", 735, "loan_amount", 320000, "interest_rate", 6.5, "loan_term_months", 360,
            "property_value", 400000, "down_payment", 80000);
    private static final String QUESTION = "How much house can I afford on my income with my current debt payments, "
            + "and what debt-to-income ratio do lenders look for?";

    /** Two accounts for the whole class: registrations are rate-limited per client address (5 a minute). */
    private static RunningSystem.Account user;
    private static RunningSystem.Account other;

    @BeforeAll
    static void theCorpusIsIndexed() {
        KnowledgeIndex.ensureActive(HTTP, RunningSystem.admin(HTTP));
        user = RunningSystem.newUser(HTTP);
        other = RunningSystem.newUser(HTTP);
    }

    @Test
    void anAffordabilityQuestionGetsRelevantCitationsAndTheRightNumbers() {
        Http.Response response = HTTP.post("/api/advice", Http.json(Map.of("query", QUESTION + " " + unique(), "profile", PROFILE)),
                user.token());

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("retrieval_status").asString()).isEqualTo("ok");
        assertThat(body.path("index_version").isNumber()).isTrue();
        List<String> cited = body.path("citations").valueStream().map(c -> c.path("doc_id").asString()).toList();
        assertThat(cited).isNotEmpty();
        // The affordability / DTI section of the corpus (knowledge/affordability.txt) answers this question.
        assertThat(cited.get(0)).startsWith("aff-");
        assertThat(cited.stream().filter(id -> id.startsWith("aff-")).count()).isGreaterThanOrEqualTo((cited.size() + 1) / 2);
        assertThat(body.path("citations").get(0).path("title").asString()).isNotBlank();
        assertThat(body.path("generator").asString()).matches("local|bedrock:.+");
        assertThat(body.path("bias").path("passed").asBoolean()).isTrue();

        // The same numbers computed independently (principal and interest, DTI limits 28 % / 36 %).
        double monthlyIncome = 96000 / 12.0;
        double rate = 6.5 / 1200;
        double annuity = 1 - Math.pow(1 + rate, -360);
        double payment = Math.round(320000 * rate / annuity * 100) / 100.0;
        double maxLoan = Math.min(monthlyIncome * 0.28, monthlyIncome * 0.36 - 450) * annuity / rate;
        JsonNode metrics = body.path("metrics");
        assertThat(metrics.path("monthly_payment").asDouble()).isCloseTo(payment, within(0.01));
        assertThat(metrics.path("dti_front").asDouble()).isCloseTo(payment / monthlyIncome, within(0.0001));
        assertThat(metrics.path("dti_back").asDouble()).isCloseTo((payment + 450) / monthlyIncome, within(0.0001));
        assertThat(metrics.path("ltv").asDouble()).isCloseTo(0.8, within(0.0001));
        assertThat(metrics.path("max_affordable_loan").asDouble()).isCloseTo(maxLoan, within(1.0));
        assertThat(metrics.path("category").asString()).isEqualTo("QUALIFIES");
        if ("local".equals(body.path("generator").asString())) {
            assertThat(body.path("advice").asString()).contains(String.format(java.util.Locale.US, "$%,.2f", payment));
        }
    }

    @Test
    void theSameQuestionIsServedFromTheCacheAndBothAnswersAreInTheUsersHistoryOnly() {
        String request = Http.json(Map.of("query", QUESTION + " " + unique(), "profile", PROFILE));

        JsonNode first = HTTP.post("/api/advice", request, user.token()).json();
        JsonNode second = HTTP.post("/api/advice", request, user.token()).json();

        assertThat(first.path("cached").asBoolean()).isFalse();
        assertThat(second.path("cached").asBoolean()).isTrue();
        assertThat(second.path("advice")).isEqualTo(first.path("advice"));

        JsonNode history = HTTP.get("/api/advice/history?size=2", user.token()).json();
        assertThat(history.path("items").valueStream().map(item -> item.path("id").asString()).toList())
                .containsExactly(second.path("id").asString(), first.path("id").asString());
        JsonNode othersHistory = HTTP.get("/api/advice/history", other.token()).json();
        assertThat(othersHistory.toString()).doesNotContain(first.path("id").asString());
        assertThat(HTTP.get("/api/advice/" + first.path("id").asString(), user.token()).status()).isEqualTo(200);
        Http.Response foreign = HTTP.get("/api/advice/" + first.path("id").asString(), other.token());
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void personalDataInAQuestionNeverReachesTheSearchableAuditTrail() {
        List<String> secrets = List.of("900-12-3456", "jane.doe@example.com", "212-555-0147", "4111111111111111");
        Http.Response response = HTTP.post("/api/advice", Http.json(Map.of("query",
                "My SSN is 900-12-3456, card 4111111111111111, email jane.doe@example.com, phone 212-555-0147: "
                        + "can I refinance? " + unique())), user.token());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        secrets.forEach(secret -> assertThat(response.body()).doesNotContain(secret));
        String adviceId = response.text("id");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Http.Response audit = HTTP.get("/api/search/audit?action=advice.generated&size=50", user.token());
            assertThat(audit.status()).as(audit.body()).isEqualTo(200);
            assertThat(audit.body()).contains(adviceId);
        });
        String trail = HTTP.get("/api/search/audit?size=100", user.token()).body();
        secrets.forEach(secret -> assertThat(trail).doesNotContain(secret));
        JsonNode stored = HTTP.get("/api/advice/" + adviceId, user.token()).json();
        assertThat(stored.path("query").asString()).contains("[REDACTED_");
        secrets.forEach(secret -> assertThat(stored.toString()).doesNotContain(secret));
    }

    @Test
    void badInputIsA400ProblemThroughTheGateway() {
        for (String body : List.of("{\"query\":\"\"}", "{\"query\":\"ok\",\"profile\":{\"credit_score\":1000}}", "{\"query\":")) {
            Http.Response response = HTTP.post("/api/advice", body, user.token());
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.text("request_id")).isNotBlank();
        }
    }

    /** Keeps each run's question out of the previous run's cache entries. */
    private static String unique() {
        return "(ref " + Long.toString(System.nanoTime(), 36) + ")";
    }
}
