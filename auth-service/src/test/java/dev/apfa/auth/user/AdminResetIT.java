package dev.apfa.auth.user;

import dev.apfa.auth.support.AuditTap;
import dev.apfa.auth.support.OwnSchema;
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
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Break-glass reset of the first super_admin (APFA_ADMIN_RESET_PASSWORD=true): an account whose password was
 * changed, which was disabled and demoted, gets the configured password and super_admin back, and the reset
 * is audited. Without the flag an existing account is never touched (AuthFlowIT's bootstrap).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AdminResetIT {

    static final AuditTap AUDIT = new AuditTap();
    static final String ADMIN = Infra.uniqueName("root");
    static final String PASSWORD = "Adm1n-" + UUID.randomUUID();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        OwnSchema.register(registry, "auth_reset_it");
        AUDIT.create();
        registry.add("apfa.auth.audit-topic", () -> AUDIT.topic);
        registry.add("apfa.auth.admin.username", () -> ADMIN);
        registry.add("apfa.auth.admin.password", () -> PASSWORD);
        registry.add("apfa.auth.admin.reset-password", () -> "true");
    }

    @AfterAll
    static void closeTap() {
        AUDIT.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    AdminBootstrap bootstrap;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aChangedDisabledDemotedAdminIsRestored() {
        Http http = new Http("http://127.0.0.1:" + port);
        jdbc.update("UPDATE users SET password_hash = 'not-a-hash', disabled = true, role = 'user' WHERE username = ?", ADMIN);
        assertThat(login(http).status()).isEqualTo(401);

        bootstrap.run(null);

        Http.Response login = login(http);
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        Http.Response me = http.get("/api/auth/me", login.text("access_token"));
        assertThat(me.json().path("role").asString()).isEqualTo("super_admin");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(AUDIT.values()).anyMatch(value -> value.contains("apfa.audit.admin.password_reset")));
    }

    private Http.Response login(Http http) {
        return http.post("/api/auth/login", Http.json(Map.of("username", ADMIN, "password", PASSWORD)), null);
    }
}
