package dev.apfa.index.serving;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/** The slot searches read: swapped atomically, so a search sees either the old or the new version. */
public class ActiveIndex {

    private final AtomicReference<LoadedIndex> current = new AtomicReference<>();

    /** Runs {@code work} on the active version while holding a reference to it. */
    public <T> T withActive(Function<LoadedIndex, T> work) {
        while (true) {
            LoadedIndex active = current.get();
            if (active == null) {
                throw new NoActiveIndexException();
            }
            if (active.tryAcquire()) {
                try {
                    return work.apply(active);
                } finally {
                    active.release();
                }
            }
            // Lost a race with a swap that already released this one; the slot holds the new one.
        }
    }

    /** Puts {@code next} in the slot and drops the slot's reference to the previous version. */
    public Optional<LoadedIndex> swap(LoadedIndex next) {
        LoadedIndex previous = current.getAndSet(next);
        if (previous != null) {
            previous.release();
        }
        return Optional.ofNullable(previous);
    }

    public Optional<Integer> version() {
        return Optional.ofNullable(current.get()).map(LoadedIndex::version);
    }

    /** recall@10 measured when the active version was built (its manifest), or NaN when none is active. */
    public double recallAt10() {
        LoadedIndex active = current.get();
        return active == null || active.manifest() == null ? Double.NaN : active.manifest().recallAt10();
    }

    public void clear() {
        LoadedIndex previous = current.getAndSet(null);
        if (previous != null) {
            previous.release();
        }
    }
}
