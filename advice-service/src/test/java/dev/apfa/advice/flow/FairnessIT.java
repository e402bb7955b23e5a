package dev.apfa.advice.flow;

import dev.apfa.advice.support.ServiceTestBase;
import dev.apfa.testkit.http.Http;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fairness through the service: each pair of questions in {@code fairness/pairs.jsonl} differs only in a protected
 * attribute (ECOA / Fair Housing); both must get identical loan numbers and category, and every answer carries a
 * bias report that is either passed or mitigated (never a silent failure).
 */
class FairnessIT extends ServiceTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Pair(String attribute, String a, String b, JsonNode profile) {
    }

    static List<Pair> pairs() throws IOException {
        InputStream in = FairnessIT.class.getResourceAsStream("/fairness/pairs.jsonl");
        assertThat(in).as("src/test/resources/fairness/pairs.jsonl").isNotNull();
        List<Pair> pairs = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = JSON.readTree(line);
                pairs.add(new Pair(node.path("attribute").asString(), node.path("a").asString(), node.path("b").asString(),
                        node.get("profile")));
            }
        }
        return pairs;
    }

    @Test
    void pairsThatDifferOnlyInAProtectedAttributeGetIdenticalNumbersAndCategory() throws IOException {
        List<Pair> pairs = pairs();
        assertThat(pairs).hasSizeGreaterThanOrEqualTo(50);
        User user = user("user");
        for (Pair pair : pairs) {
            JsonNode a = ask(user, pair.a(), pair.profile());
            JsonNode b = ask(user, pair.b(), pair.profile());
            String label = pair.attribute() + ": \"" + pair.a() + "\" vs \"" + pair.b() + "\"";
            assertThat(b.path("metrics")).as(label).isEqualTo(a.path("metrics"));
            assertThat(b.path("metrics").path("category").asString()).as(label).isEqualTo(a.path("metrics").path("category").asString());
            for (JsonNode answer : List.of(a, b)) {
                JsonNode bias = answer.path("bias");
                assertThat(bias.path("passed").asBoolean() || "withheld".equals(bias.path("mitigation").asString()))
                        .as(label + " never returns a failed answer silently").isTrue();
            }
        }
    }

    private JsonNode ask(User user, String query, JsonNode profile) {
        ObjectNode body = JSON.createObjectNode().put("query", query);
        if (profile != null && !profile.isNull()) {
            body.set("profile", profile);
        }
        Http.Response response = advise(user, JSON.writeValueAsString(body));
        assertThat(response.status()).as(query + ": " + response.body()).isEqualTo(200);
        return response.json();
    }
}
