package dev.apfa.auth.user;

import dev.apfa.security.Role;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class UserAccountTest {

    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final Duration LOCK = Duration.ofMinutes(15);

    @Test
    void fiveFailuresWithinTheWindowLockForAWhile() {
        UserAccount user = new UserAccount("alice", "hash", Role.USER);
        Instant t = Instant.parse("2026-01-01T10:00:00Z");
        for (int i = 0; i < 4; i++) {
            assertThat(user.recordFailure(t.plusSeconds(i * 60L), 5, WINDOW, LOCK)).isFalse();
        }
        assertThat(user.recordFailure(t.plusSeconds(300), 5, WINDOW, LOCK)).isTrue();
        assertThat(user.isLocked(t.plusSeconds(301))).isTrue();
        assertThat(user.isLocked(t.plusSeconds(300).plus(LOCK).plusSeconds(1))).isFalse();
    }

    @Test
    void failuresOlderThanTheWindowDoNotCount() {
        UserAccount user = new UserAccount("bob", "hash", Role.USER);
        Instant t = Instant.parse("2026-01-01T10:00:00Z");
        for (int i = 0; i < 4; i++) {
            user.recordFailure(t, 5, WINDOW, LOCK);
        }
        assertThat(user.recordFailure(t.plus(WINDOW).plusSeconds(1), 5, WINDOW, LOCK)).isFalse();
        assertThat(user.isLocked(t.plus(WINDOW).plusSeconds(2))).isFalse();
    }

    @Test
    void successClearsTheCountAndVersionsOnlyGoUp() {
        UserAccount user = new UserAccount("carol", "hash", Role.USER);
        Instant t = Instant.now();
        for (int i = 0; i < 4; i++) {
            user.recordFailure(t, 5, WINDOW, LOCK);
        }
        user.recordSuccess();
        assertThat(user.recordFailure(t, 5, WINDOW, LOCK)).isFalse();
        assertThat(user.raiseTokenVersion()).isEqualTo(1);
        assertThat(user.raiseTokenVersion()).isEqualTo(2);
    }
}
