package dev.apfa.testkit;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Waits for a condition by asking again every quarter second until a deadline: the only way this
 * kit waits, so every wait is bounded and ends as soon as the condition holds.
 */
final class Poll {

    private static final Duration INTERVAL = Duration.ofMillis(250);

    private Poll() {
    }

    /**
     * Calls {@code probe} until it returns a value, and returns that value. A probe that knows
     * waiting is pointless (the process died) throws instead. On timeout the exception message is
     * {@code what} plus whatever {@code detail} returns then (for example the tail of a log).
     */
    static <T> T until(String what, Duration timeout, Supplier<Optional<T>> probe, Supplier<String> detail) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> result = probe.get();
            if (result.isPresent()) {
                return result.get();
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new InfraException(what + " not ready after " + Math.round(timeout.toMillis() / 1000.0) + " s"
                        + detail.get());
            }
            pause();
        }
    }

    static void until(String what, Duration timeout, Supplier<Boolean> condition) {
        until(what, timeout, () -> condition.get() ? Optional.of(Boolean.TRUE) : Optional.empty(), () -> "");
    }

    private static void pause() {
        try {
            Thread.sleep(INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfraException("interrupted while waiting for infrastructure", e);
        }
    }
}
