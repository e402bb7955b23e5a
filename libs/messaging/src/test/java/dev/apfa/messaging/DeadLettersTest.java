package dev.apfa.messaging;

import org.junit.jupiter.api.Test;
import org.springframework.util.backoff.BackOffExecution;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLettersTest {

    @Test
    void boundedBackOffDoublesUpToTheMaximumThenStops() {
        BackOffExecution execution = DeadLetters.backOff(4, Duration.ofMillis(200), Duration.ofMillis(500)).start();
        List<Long> intervals = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            intervals.add(execution.nextBackOff());
        }
        assertThat(intervals).containsExactly(200L, 400L, 500L, 500L, BackOffExecution.STOP);
    }

    @Test
    void unlimitedBackOffNeverStops() {
        BackOffExecution execution = DeadLetters.backOff(Integer.MAX_VALUE, Duration.ofMillis(500), Duration.ofSeconds(10)).start();
        List<Long> intervals = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            intervals.add(execution.nextBackOff());
        }
        assertThat(intervals.subList(0, 6)).containsExactly(500L, 1000L, 2000L, 4000L, 8000L, 10_000L);
        assertThat(intervals).doesNotContain(BackOffExecution.STOP).allMatch(interval -> interval <= 10_000L);
    }
}
