package dev.apfa.auth;

import dev.apfa.auth.support.AuditTap;
import dev.apfa.auth.support.OwnSchema;
import dev.apfa.messaging.outbox.OutboxRelay;
import dev.apfa.testkit.Infra;
import dev.apfa.testkit.http.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Audit events go through the transactional outbox: while the relay is stopped (as if the process died right
 * after the commit, or Kafka were down) the event waits in the table; once a relay runs it reaches Kafka and
 * the row is gone. A schema of its own keeps other auth-service instances' relays away from these rows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OutboxIT {

    static final AuditTap AUDIT = new AuditTap();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        OwnSchema.register(registry, "auth_outbox_it");
        AUDIT.create();
        registry.add("apfa.auth.audit-topic", () -> AUDIT.topic);
        // Every deleted row makes the relay vacuum, so the test below sees one after a single event.
        registry.add("apfa.messaging.outbox.vacuum-after", () -> "1");
    }

    @AfterAll
    static void closeTap() {
        AUDIT.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    OutboxRelay relay;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anEventWaitsInTheOutboxUntilARelaySendsIt() {
        relay.stop();
        String username = Infra.uniqueName("outbox");
        Http.Response registered = new Http("http://127.0.0.1:" + port).post("/api/auth/register",
                Http.json(Map.of("username", username, "password", "correct-horse-battery-9")), null);
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);

        List<String> waiting = jdbc.queryForList("SELECT event_id FROM event_outbox WHERE payload LIKE ?", String.class,
                "%" + username + "%");
        assertThat(waiting).hasSize(1);
        assertThat(AUDIT.values()).noneMatch(value -> value.contains(waiting.get(0)));

        relay.start();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(AUDIT.values()).anyMatch(value -> value.contains(waiting.get(0))
                        && value.contains("apfa.audit.user.registered")));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(jdbc.queryForObject("SELECT count(*) FROM event_outbox WHERE event_id = ?", Long.class,
                        waiting.get(0))).isZero());
    }

    @Test
    void theRelayVacuumsTheOutboxAfterDeletingRows() {
        long before = manualVacuums();
        Http.Response registered = new Http("http://127.0.0.1:" + port).post("/api/auth/register",
                Http.json(Map.of("username", Infra.uniqueName("vacuum"), "password", "correct-horse-battery-9")), null);
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(manualVacuums()).isGreaterThan(before));
    }

    /** VACUUMs run on this test's own event_outbox (autovacuum's are counted apart). */
    private long manualVacuums() {
        return jdbc.queryForObject("SELECT vacuum_count FROM pg_stat_user_tables WHERE relid = 'event_outbox'::regclass",
                Long.class);
    }
}
