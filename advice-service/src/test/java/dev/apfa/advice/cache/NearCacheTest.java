package dev.apfa.advice.cache;

import dev.apfa.advice.flow.AdviceBody;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NearCacheTest {

    private static AdviceBody body(String text) {
        return new AdviceBody(text, List.of(), null, null, null, "local", 1, AdviceBody.RETRIEVAL_OK);
    }

    @Test
    void keepsWhatWasStoredUnderItsKey() {
        NearCache near = NearCache.of(Duration.ofSeconds(30), 10);
        AdviceBody answer = body("a");

        near.put("k1", answer);

        assertThat(near.get("k1")).isSameAs(answer);
        assertThat(near.get("k2")).isNull();
    }

    @Test
    void zeroTimeOrSizeKeepsNothing() {
        for (NearCache off : List.of(NearCache.of(Duration.ZERO, 10), NearCache.of(Duration.ofSeconds(30), 0))) {
            off.put("k1", body("a"));
            assertThat(off.get("k1")).isNull();
        }
    }
}
