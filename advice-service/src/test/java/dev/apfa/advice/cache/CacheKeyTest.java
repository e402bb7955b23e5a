package dev.apfa.advice.cache;

import dev.apfa.advice.loan.Profile;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class CacheKeyTest {

    private static Profile profile(String income) {
        return new Profile(new BigDecimal(income), new BigDecimal("500"), 720, new BigDecimal("300000"),
                new BigDecimal("6.5"), 360, null, null);
    }

    @Test
    void equalInputsGiveEqualKeysWhateverTheNumberScale() {
        assertThat(CacheKey.of("q", profile("85000"), 3, "local"))
                .isEqualTo(CacheKey.of("q", profile("85000.00"), 3, "local"))
                .matches("[0-9a-f]{64}");
    }

    @Test
    void everyPartChangesTheKey() {
        String base = CacheKey.of("how much can I borrow", profile("85000"), 3, "local");
        assertThat(CacheKey.of("how much can I borrow?", profile("85000"), 3, "local")).isNotEqualTo(base);
        assertThat(CacheKey.of("how much can I borrow", profile("85001"), 3, "local")).isNotEqualTo(base);
        assertThat(CacheKey.of("how much can I borrow", profile("85000"), 4, "local")).isNotEqualTo(base);
        assertThat(CacheKey.of("how much can I borrow", profile("85000"), 3, "bedrock:m")).isNotEqualTo(base);
        assertThat(CacheKey.of("how much can I borrow", Profile.EMPTY, 3, "local")).isNotEqualTo(base);
    }

    @Test
    void partsCannotRunTogether() {
        assertThat(CacheKey.of("a;1", Profile.EMPTY, 1, "x")).isNotEqualTo(CacheKey.of("a", Profile.EMPTY, 1, "1;x"));
    }

    @Test
    void theKeyDoesNotContainTheQuestion() {
        assertThat(CacheKey.of("my email is [REDACTED_EMAIL]", Profile.EMPTY, 1, "local")).doesNotContain("email");
    }
}
