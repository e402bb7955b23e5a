package dev.apfa.advice.retrieval;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The index version index-service serves, as far as this instance knows: learned from every search response
 * and from {@code apfa.task.index.activated} events. Part of the cache key, so an activation or rollback makes
 * earlier answers unreachable at once instead of after their TTL. Unknown (after start-up) means "no cache
 * lookup" until the first search tells.
 */
public class ActiveIndexVersion {

    private static final int UNKNOWN = Integer.MIN_VALUE;
    private final AtomicInteger version = new AtomicInteger(UNKNOWN);

    public Optional<Integer> current() {
        int value = version.get();
        return value == UNKNOWN ? Optional.empty() : Optional.of(value);
    }

    public void observe(int served) {
        version.set(served);
    }
}
