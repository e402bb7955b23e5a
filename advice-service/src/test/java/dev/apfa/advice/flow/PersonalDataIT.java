package dev.apfa.advice.flow;

import dev.apfa.advice.support.ServiceTestBase;
import dev.apfa.testkit.http.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Questions carrying each kind of personal data (all invented: never-issued SSN range, card networks' test
 * numbers, 555-01xx phones, example.com): afterwards none of it is in the service's log output, the Kafka topics,
 * Redis keys or values, PostgreSQL advice rows, the calls to the retrieval services, or the responses.
 */
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataIT extends ServiceTestBase {

    /** kind → question; every question's personal value(s) are listed in {@link #SECRETS}. */
    private static final Map<String, String> QUESTIONS = new LinkedHashMap<>();
    private static final List<String> SECRETS = List.of("900-12-3456", "4111 1111 1111 1111", "4111111111111111",
            "123456780", "000123456789", "jane.doe@example.com", "(212) 555-0147", "212-555-0147", "03/05/1980");

    static {
        QUESTIONS.put("ssn", "My SSN is 900-12-3456. Can I get a mortgage with a 720 score?");
        QUESTIONS.put("card", "Should I pay closing costs with my card 4111 1111 1111 1111 or cash?");
        QUESTIONS.put("card-plain", "Is it smart to put the down payment on 4111111111111111?");
        QUESTIONS.put("bank", "My routing number 123456780 and account number 000123456789: can the lender verify my savings?");
        QUESTIONS.put("email", "Email me at jane.doe@example.com how much house I can afford.");
        QUESTIONS.put("phone", "Call me at (212) 555-0147 or 212-555-0147 about refinancing.");
        QUESTIONS.put("dob", "I was born on 03/05/1980. Am I too close to retirement for a 30-year loan?");
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StringRedisTemplate redis;

    @Test
    void personalDataInTheQuestionIsRedactedBeforeItGoesAnywhere(CapturedOutput output) {
        User user = user("user");
        int callsBefore = RETRIEVAL.calls().size();
        for (Map.Entry<String, String> question : QUESTIONS.entrySet()) {
            Http.Response response = advise(user, Map.of("query", question.getValue(), "profile", affordability()));
            assertThat(response.status()).as(question.getKey() + ": " + response.body()).isEqualTo(200);
            assertNoSecret(question.getKey() + " response", response.body());
        }
        // Once more from the cache: the hit path records history, audit and metrics too.
        Http.Response hit = advise(user, Map.of("query", QUESTIONS.get("email"), "profile", affordability()));
        assertThat(hit.json().path("cached").asBoolean()).isTrue();
        int answers = QUESTIONS.size() + 1;

        List<String> rows = jdbc.sql("SELECT query_redacted || ' ' || response::text FROM advice_records WHERE user_id = ?::uuid")
                .param(user.id()).query(String.class).list();
        assertThat(rows).hasSize(answers);
        rows.forEach(row -> assertNoSecret("advice_records", row));
        assertThat(jdbc.sql("SELECT query_redacted FROM advice_records WHERE user_id = ?::uuid").param(user.id())
                .query(String.class).list()).allSatisfy(query -> assertThat(query).contains("[REDACTED_"));

        RETRIEVAL.calls().subList(callsBefore, RETRIEVAL.calls().size())
                .forEach(call -> assertNoSecret("call to " + call.path(), call.body()));

        Set<String> keys = redis.keys(CACHE_PREFIX + "*");
        assertThat(keys).isNotEmpty();
        for (String key : keys) {
            assertNoSecret("redis key", key);
            assertNoSecret("redis value", redis.opsForValue().get(key));
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<String> audit = mine(records(AUDIT_TOPIC), user);
            List<String> metrics = mine(records(METRICS_TOPIC), user);
            assertThat(audit).hasSize(answers);
            assertThat(metrics).hasSize(answers);
        });
        List<String> all = new ArrayList<>(records(AUDIT_TOPIC));
        all.addAll(records(METRICS_TOPIC));
        all.forEach(value -> assertNoSecret("kafka", value));

        assertNoSecret("log output", output.getAll());
    }

    private static List<String> mine(List<String> values, User user) {
        return values.stream().filter(value -> value.contains(user.id())).toList();
    }

    private static void assertNoSecret(String where, String text) {
        if (text == null) {
            return;
        }
        for (String secret : SECRETS) {
            assertThat(text).as(where + " must not contain a personal value").doesNotContain(secret);
        }
    }
}
