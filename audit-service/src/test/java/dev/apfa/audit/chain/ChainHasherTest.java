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

    private static AuditEntry entry(String action, Map<String, Object> details) {
        return new AuditEntry(ID, "apfa.audit." + action, Instant.parse("2026-11-28T10:15:30.123456Z"),
                "/apfa/auth-service", "u-1", "casey", "user", action, "session", "s-1", "success",
                "192.0.2.10", "req-1", null, null, "4bf92f3577b34da6a3ce929d0e0e4736", details);
    }
}
