package dev.apfa.auth;

import dev.apfa.auth.keys.SigningKeys;
import dev.apfa.auth.support.AuditTap;
import dev.apfa.auth.support.OwnSchema;
import dev.apfa.contracts.EventValidator;
import dev.apfa.testkit.Infra;
import dev.apfa.testkit.http.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * auth-service end to end against real PostgreSQL, Redis and Kafka: the identity flows of issue #3,
 * the lockout, key rotation, and the audit events they emit (validated against their schema).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuthFlowIT {

    static final AuditTap AUDIT = new AuditTap();
    static final String ADMIN = Infra.uniqueName("root");
    static final String ADMIN_PASSWORD = "Adm1n-" + UUID.randomUUID();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        // Its own schema: key rotations here never touch the signing keys of the local run on the same database.
        OwnSchema.register(registry, "auth_flow_it");
        // A rotated key signs at once here (90 s in a deployment, see SigningKeys).
        registry.add("apfa.auth.key-propagation-delay", () -> "0s");
        AUDIT.create();
        registry.add("apfa.auth.audit-topic", () -> AUDIT.topic);
        registry.add("apfa.auth.admin.username", () -> ADMIN);
        registry.add("apfa.auth.admin.password", () -> ADMIN_PASSWORD);
    }

    @AfterAll
    static void closeTap() {
        AUDIT.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    SigningKeys signingKeys;

    Http http;

    @BeforeEach
    void client() {
        http = new Http("http://127.0.0.1:" + port);
    }

    static String unique(String prefix) {
        return Infra.uniqueName(prefix);
    }

    static final String PASSWORD = "correct-horse-battery-9";

    Http.Response register(String username, String password) {
        return http.post("/api/auth/register", Http.json(Map.of("username", username, "password", password)), null);
    }

    Http.Response login(String username, String password) {
        return http.post("/api/auth/login", Http.json(Map.of("username", username, "password", password)), null);
    }

    String userWithToken(String username) {
        assertThat(register(username, PASSWORD).status()).isEqualTo(201);
        return login(username, PASSWORD).text("access_token");
    }

    static void assertProblem(Http.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.text("request_id")).isNotBlank().isEqualTo(response.header("X-Request-Id"));
    }

    @Test
    void registerLoginMeRefreshLogout() {
        String name = unique("alice");
        Http.Response registered = register(name, PASSWORD);
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.text("role")).isEqualTo("user");
        assertThat(registered.body()).doesNotContain("password");

        Http.Response tokens = login(name, PASSWORD);
        assertThat(tokens.status()).isEqualTo(200);
        assertThat(tokens.text("token_type")).isEqualTo("Bearer");
        assertThat(tokens.json().path("expires_in").asLong()).isPositive();
        String access = tokens.text("access_token");
        String refresh = tokens.text("refresh_token");

        JsonNode header = JsonMapper.builder().build().readTree(Base64.getUrlDecoder().decode(access.split("\\.")[0]));
        assertThat(header.path("alg").asString()).isEqualTo("RS256");
        assertThat(header.path("kid").asString()).isNotBlank();

        Http.Response me = http.get("/api/auth/me", access);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.text("username")).isEqualTo(name);
        assertThat(me.json().path("roles").get(0).asString()).isEqualTo("user");

        Http.Response rotated = http.post("/api/auth/refresh", Http.json(Map.of("refresh_token", refresh)), null);
        assertThat(rotated.status()).isEqualTo(200);
        String refresh2 = rotated.text("refresh_token");
        assertThat(refresh2).isNotEqualTo(refresh);
        assertThat(http.get("/api/auth/me", rotated.text("access_token")).status()).isEqualTo(200);

        // The old token is rejected, and its reuse revokes the family: the newest token dies too.
        assertProblem(http.post("/api/auth/refresh", Http.json(Map.of("refresh_token", refresh)), null), 401);
        assertProblem(http.post("/api/auth/refresh", Http.json(Map.of("refresh_token", refresh2)), null), 401);

        String refresh3 = login(name, PASSWORD).text("refresh_token");
        assertThat(http.post("/api/auth/logout", Http.json(Map.of("refresh_token", refresh3)), null).status()).isEqualTo(204);
        assertProblem(http.post("/api/auth/refresh", Http.json(Map.of("refresh_token", refresh3)), null), 401);
    }

    @Test
    void logoutAllRejectsAccessTokensIssuedBefore() {
        String name = unique("bob");
        String before = userWithToken(name);
        String refresh = login(name, PASSWORD).text("refresh_token");
        assertThat(http.get("/api/auth/me", before).status()).isEqualTo(200);

        assertThat(http.post("/api/auth/logout-all", "", before).status()).isEqualTo(204);

        assertProblem(http.get("/api/auth/me", before), 401);
        assertProblem(http.post("/api/auth/refresh", Http.json(Map.of("refresh_token", refresh)), null), 401);
        String after = login(name, PASSWORD).text("access_token");
        assertThat(http.get("/api/auth/me", after).status()).isEqualTo(200);
    }

    @Test
    void registerIgnoresARoleInTheBody() {
        String name = unique("mallory");
        Http.Response registered = http.post("/api/auth/register",
                Http.json(Map.of("username", name, "password", PASSWORD, "role", "super_admin")), null);
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.text("role")).isEqualTo("user");
        String token = login(name, PASSWORD).text("access_token");
        assertProblem(http.get("/api/admin/users", token), 403);
    }

    @Test
    void weakPasswordsAndTakenNamesAreRefused() {
        String name = unique("carol");
        assertProblem(register(name, "short"), 400);
        assertProblem(register(name, name + "-and-more"), 400);
        assertThat(register(name, PASSWORD).status()).isEqualTo(201);
        assertProblem(register(name.toUpperCase(), PASSWORD), 409);
    }

    @Test
    void unknownUserAndWrongPasswordLookTheSame() {
        String name = unique("dave");
        register(name, PASSWORD);
        Http.Response wrong = login(name, "wrong-password-123");
        Http.Response unknown = login(unique("nobody"), "wrong-password-123");
        assertProblem(wrong, 401);
        assertProblem(unknown, 401);
        assertThat(wrong.text("detail")).isEqualTo(unknown.text("detail"));
        assertThat(wrong.text("title")).isEqualTo(unknown.text("title"));
    }

    @Test
    void fiveFailuresLockTheAccount() {
        String name = unique("erin");
        register(name, PASSWORD);
        for (int i = 0; i < 5; i++) {
            assertProblem(login(name, "wrong-password-" + i), 401);
        }
        assertProblem(login(name, PASSWORD), 401);
    }

    @Test
    void superAdminChangesRolesAndDisablesUsers() {
        String adminToken = login(ADMIN, ADMIN_PASSWORD).text("access_token");
        assertThat(adminToken).isNotBlank();

        String name = unique("frank");
        String userId = register(name, PASSWORD).text("id");
        Http.Response userLogin = login(name, PASSWORD);
        String userToken = userLogin.text("access_token");
        assertProblem(http.get("/api/admin/users", userToken), 403);

        Http.Response listed = http.get("/api/admin/users?size=200", adminToken);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().path("total").asLong()).isPositive();
        assertThat(http.get("/api/admin/users/" + userId, adminToken).text("username")).isEqualTo(name);

        Http.Response promoted = http.patch("/api/admin/users/" + userId, "{\"role\":\"super_admin\"}", adminToken);
        assertThat(promoted.status()).isEqualTo(200);
        assertThat(promoted.text("role")).isEqualTo("super_admin");
        // Takes effect now: the old token is void, a refresh carries the new role.
        assertProblem(http.get("/api/auth/me", userToken), 401);
        String refreshed = http.post("/api/auth/refresh",
                Http.json(Map.of("refresh_token", userLogin.text("refresh_token"))), null).text("access_token");
        assertThat(http.get("/api/admin/users", refreshed).status()).isEqualTo(200);

        assertProblem(http.patch("/api/admin/users/" + userId, "{\"role\":\"emperor\"}", adminToken), 400);
        assertProblem(http.patch("/api/admin/users/" + UUID.randomUUID(), "{\"disabled\":true}", adminToken), 404);

        assertThat(http.patch("/api/admin/users/" + userId, "{\"disabled\":true}", adminToken).status()).isEqualTo(200);
        assertProblem(login(name, PASSWORD), 401);
        assertProblem(http.get("/api/auth/me", refreshed), 401);
        assertThat(http.patch("/api/admin/users/" + userId, "{\"disabled\":false}", adminToken).status()).isEqualTo(200);
        assertThat(login(name, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void rotationKeepsThePreviousKeyPublished() {
        String name = unique("grace");
        String before = userWithToken(name);
        signingKeys.rotate();
        Http.Response jwks = http.get("/api/auth/.well-known/jwks.json", null);
        assertThat(jwks.status()).isEqualTo(200);
        assertThat(jwks.json().path("keys").size()).isBetween(2, 3);
        assertThat(jwks.body()).doesNotContain("\"d\"", "\"p\"", "\"q\"");
        assertThat(http.get("/api/auth/me", before).status()).isEqualTo(200);
        assertThat(http.get("/api/auth/me", login(name, PASSWORD).text("access_token")).status()).isEqualTo(200);
    }

    @Test
    void superAdminRotatesTheSigningKey() {
        String name = unique("karl");
        String userToken = userWithToken(name);
        assertProblem(http.post("/api/admin/keys/rotate", "", userToken), 403);
        assertProblem(http.post("/api/admin/keys/rotate", "", null), 401);

        String adminToken = login(ADMIN, ADMIN_PASSWORD).text("access_token");
        Http.Response rotated = http.post("/api/admin/keys/rotate", "", adminToken);
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        String kid = rotated.text("kid");
        assertThat(kid).isNotBlank().isNotEqualTo(rotated.text("previous_kid"));
        assertThat(rotated.json().path("published").get(0).asString()).isEqualTo(kid);
        assertThat(rotated.json().path("published").get(1).asString()).isEqualTo(rotated.text("previous_kid"));
        assertThat(rotated.text("signs_from")).isNotBlank();

        // New tokens carry the new kid; a token signed before still verifies.
        String fresh = login(name, PASSWORD).text("access_token");
        JsonNode header = JsonMapper.builder().build().readTree(Base64.getUrlDecoder().decode(fresh.split("\\.")[0]));
        assertThat(header.path("kid").asString()).isEqualTo(kid);
        assertThat(http.get("/api/auth/me", userToken).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(AUDIT.values())
                .anyMatch(value -> value.contains("\"type\":\"apfa.audit.signing_key.rotated\"") && value.contains(kid)));
    }

    @Test
    void everyActionIsAuditedWithAValidEvent() {
        String name = unique("heidi");
        String access = userWithToken(name);
        login(name, "wrong-password-x");
        for (int i = 0; i < 5; i++) {
            login(name + "-locked", "x");
        }
        String locked = unique("ivan");
        register(locked, PASSWORD);
        for (int i = 0; i < 5; i++) {
            login(locked, "wrong-password-" + i);
        }
        String refresh = login(name, PASSWORD).text("refresh_token");
        String refresh2 = http.post("/api/auth/refresh", Http.json(Map.of("refresh_token", refresh)), null).text("refresh_token");
        http.post("/api/auth/refresh", Http.json(Map.of("refresh_token", refresh)), null);
        http.post("/api/auth/logout", Http.json(Map.of("refresh_token", refresh2)), null);
        http.post("/api/auth/logout-all", "", access);
        String adminToken = login(ADMIN, ADMIN_PASSWORD).text("access_token");
        String userId = register(unique("judy"), PASSWORD).text("id");
        http.patch("/api/admin/users/" + userId, "{\"role\":\"admin\"}", adminToken);
        http.patch("/api/admin/users/" + userId, "{\"disabled\":true}", adminToken);
        http.patch("/api/admin/users/" + userId, "{\"disabled\":false}", adminToken);

        List<String> expected = List.of("apfa.audit.user.registered", "apfa.audit.login.succeeded",
                "apfa.audit.login.failed", "apfa.audit.account.locked", "apfa.audit.token.refreshed",
                "apfa.audit.token.reuse_detected", "apfa.audit.logout", "apfa.audit.logout_all",
                "apfa.audit.user.role_changed", "apfa.audit.user.disabled", "apfa.audit.user.enabled");
        EventValidator validator = EventValidator.shared();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<String> events = AUDIT.values();
            for (String type : expected) {
                assertThat(events).as(type).anyMatch(value -> value.contains("\"type\":\"" + type + "\""));
            }
        });
        for (String event : AUDIT.values()) {
            assertThat(validator.validate(event)).as(event).isEmpty();
            assertThat(event).doesNotContain(PASSWORD, ADMIN_PASSWORD, refresh, access);
        }
    }
}
