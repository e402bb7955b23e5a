package dev.apfa.audit.chain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ChainHasherTest {

    private static final UUID ID = UUID.fromString("3f1c2a9e-0b7d-4d7e-9a51-2f0c6a1b8e44");

    @Test
    void hashIsSha256HexAndDeterministic() {
        String hash = ChainHasher.hash(ChainHasher.GENESIS, entry("login.succeeded", Map.of("attempt", 1)));
        assertThat(hash).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(ChainHasher.hash(ChainHasher.GENESIS, entry("login.succeeded", Map.of("attempt", 1)))).isEqualTo(hash);
    }

    @Test
    void anyChangeOfContentOrPredecessorChangesTheHash() {
        String original = ChainHasher.hash(ChainHasher.GENESIS, entry("login.succeeded", Map.of("attempt", 1)));
        assertThat(ChainHasher.hash(ChainHasher.GENESIS, entry("login.failed", Map.of("attempt", 1)))).isNotEqualTo(original);
        assertThat(ChainHasher.hash(ChainHasher.GENESIS, entry("login.succeeded", Map.of("attempt", 2)))).isNotEqualTo(original);
        assertThat(ChainHasher.hash("f".repeat(64), entry("login.succeeded", Map.of("attempt", 1)))).isNotEqualTo(original);
    }

    @Test
    void detailsOrderDoesNotMatter() {
        Map<String, Object> ab = new LinkedHashMap<>();
        ab.put("a", "x");
        ab.put("b", "y");
        Map<String, Object> ba = new LinkedHashMap<>();
        ba.put("b", "y");
        ba.put("a", "x");
        assertThat(ChainHasher.canonical(entry("logout", ab))).isEqualTo(ChainHasher.canonical(entry("logout", ba)));
    }

    /**
     * The canonical form of rows already written must never change: these hashes were computed by the first
     * version (a field map written with {@code ORDER_MAP_ENTRIES_BY_KEYS}, then {@code getBytes(UTF_8)}),
     * with escapes, non-ASCII text, nulls, numbers of every kind and lone surrogates.
     */
    @Test
    void canonicalFormIsThatOfTheRowsAlreadyWritten() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("z_text", "tab\there \"quoted\" back\\slash\nnew \u0001 \u00e9 \ud83d\ude00 </script>");
        details.put("attempt", 3);
        details.put("big", 12345678901L);
        details.put("ratio", 0.25);
        details.put("ok", true);
        AuditEntry full = new AuditEntry(ID, "apfa.audit.login.failed", Instant.parse("2026-11-28T10:15:30.123456Z"),
                "/apfa/auth-service", "u-1", "Zo\u00eb \"the\" admin", "user,admin", "login.failed", "session", "s-1", "failure",
                "2001:db8::1", "req-1", "Mozilla/5.0 (X11; Linux) \u2713", "bad password\r\nline2", "4bf92f3577b34da6a3ce929d0e0e4736",
                details);
        AuditEntry sparse = new AuditEntry(ID, "apfa.audit.anomaly.detected", Instant.parse("2026-11-28T10:15:30Z"),
                "/apfa/audit-service", "audit-service", "audit-service", "system", "anomaly.detected", "service", "gateway",
                "success", null, "ev-1", null, null, null, null);
        AuditEntry loneSurrogates = new AuditEntry(ID, "apfa.audit.logout", Instant.parse("2026-01-01T00:00:00.000001Z"),
                "/apfa/auth-service", "u-\ud800x", "n", "", "logout", "session", "s", "denied", "192.0.2.1", "r", null, "x\udc00",
                null, Map.of());

        assertThat(ChainHasher.canonical(sparse)).isEqualTo("{\"action\":\"anomaly.detected\",\"actor_id\":\"audit-service\","
                + "\"actor_roles\":\"system\",\"actor_username\":\"audit-service\",\"details\":null,"
                + "\"event_id\":\"3f1c2a9e-0b7d-4d7e-9a51-2f0c6a1b8e44\",\"event_type\":\"apfa.audit.anomaly.detected\","
                + "\"occurred_at\":\"2026-11-28T10:15:30Z\",\"outcome\":\"success\",\"reason\":null,\"request_id\":\"ev-1\","
                + "\"resource_id\":\"gateway\",\"resource_type\":\"service\",\"source\":\"/apfa/audit-service\",\"source_ip\":null,"
                + "\"trace_id\":null,\"user_agent\":null}");
        assertThat(ChainHasher.hash(ChainHasher.GENESIS, full))
                .isEqualTo("0f32bcbb4b93220d54aee9e22ea338f9cee170239495f5ecd9d928264bbc9d03");
        assertThat(ChainHasher.hash(ChainHasher.GENESIS, sparse))
                .isEqualTo("8c0e9a885c5db320ddbbc35997d04e02d0cdf3d5977d3ba35fc711167dbb03cb");
        assertThat(ChainHasher.hash(ChainHasher.GENESIS, loneSurrogates))
                .isEqualTo("23ba9f40f8ec0be964ec340c42528a7b3f8455cf66d64cb332410d0b48f181cb");
        // The reused per-thread digest carries nothing from one link to the next.
        assertThat(ChainHasher.hash(ChainHasher.GENESIS, full))
                .isEqualTo("0f32bcbb4b93220d54aee9e22ea338f9cee170239495f5ecd9d928264bbc9d03");
    }

    private static AuditEntry entry(String action, Map<String, Object> details) {
        return new AuditEntry(ID, "apfa.audit." + action, Instant.parse("2026-11-28T10:15:30.123456Z"),
                "/apfa/auth-service", "u-1", "casey", "user", action, "session", "s-1", "success",
                "192.0.2.10", "req-1", null, null, "4bf92f3577b34da6a3ce929d0e0e4736", details);
    }
}
