package dev.apfa.advice.history;

import dev.apfa.advice.support.ServiceTestBase;
import dev.apfa.testkit.http.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Ownership of past advice: a user reads their own, financial advisors and above anyone's. */
class HistoryIT extends ServiceTestBase {

    @Autowired
    AdviceHistory history;

    private UUID stored(User owner, String query) {
        UUID id = UUID.randomUUID();
        history.save(new AdviceRecord(id, UUID.fromString(owner.id()), query,
                "{\"id\":\"" + id + "\",\"advice\":\"an answer\",\"cached\":false}", "INTERNAL", "local", 7, null));
        return id;
    }

    @Test
    void aUserReadsTheirOwnAdviceAndNobodyElses() {
        User alice = user("user");
        User bob = user("user");
        UUID first = stored(alice, "first question");
        UUID second = stored(alice, "second question");
        UUID bobs = stored(bob, "bob's question");

        Http.Response own = http().get("/api/advice/" + second, alice.token());
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.text("query")).isEqualTo("second question");
        assertThat(own.json().path("response").path("advice").asString()).isEqualTo("an answer");
        assertThat(own.text("user_id")).isEqualTo(alice.id());

        Http.Response foreign = http().get("/api/advice/" + bobs, alice.token());
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.header("Content-Type")).startsWith("application/problem+json");
        assertThat(foreign.text("request_id")).isNotBlank();
        assertThat(foreign.body()).doesNotContain("bob's question");

        JsonNode page = http().get("/api/advice/history", alice.token()).json();
        assertThat(page.path("total").asLong()).isEqualTo(2);
        assertThat(page.path("items").valueStream().map(item -> item.path("id").asString()).toList()).containsExactly(second.toString(), first.toString());

        JsonNode paged = http().get("/api/advice/history?page=1&size=1", alice.token()).json();
        assertThat(paged.path("items").valueStream().map(item -> item.path("id").asString()).toList()).containsExactly(first.toString());

        Http.Response snooping = http().get("/api/advice/history?user_id=" + bob.id(), alice.token());
        assertThat(snooping.status()).isEqualTo(403);
        assertThat(snooping.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void advisorsAndAdminsReadAnyonesAdvice() {
        User carol = user("user");
        UUID id = stored(carol, "carol's question");
        for (String role : new String[]{"financial_advisor", "admin", "super_admin"}) {
            User reader = user(role);
            assertThat(http().get("/api/advice/" + id, reader.token()).status()).as(role).isEqualTo(200);
            JsonNode page = http().get("/api/advice/history?user_id=" + carol.id(), reader.token()).json();
            assertThat(page.path("items").valueStream().map(item -> item.path("id").asString()).toList()).as(role).containsExactly(id.toString());
        }
    }

    @Test
    void unknownMalformedAndUnauthenticatedRequestsAreProblems() {
        User user = user("user");
        assertThat(http().get("/api/advice/" + UUID.randomUUID(), user.token()).status()).isEqualTo(404);
        Http.Response malformed = http().get("/api/advice/not-a-uuid", user.token());
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.text("request_id")).isNotBlank();
        assertThat(http().get("/api/advice/history?size=1000", user.token()).status()).isEqualTo(400);
        assertThat(http().get("/api/advice/history?user_id=x", user.token()).status()).isEqualTo(400);
        assertThat(http().get("/api/advice/history", null).status()).isEqualTo(401);
    }
}
