package dev.apfa.index.serving;

import dev.apfa.contracts.task.v1.IndexActivated;
import dev.apfa.index.IndexProperties;
import dev.apfa.index.events.IndexEvents;
import dev.apfa.index.store.ArtifactStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Activates (or rolls back to) a version: load and verify it first, then swap it in. A version that
 * fails verification is refused and the active one stays. Activations are serialised; searches
 * never wait for them.
 */
public class ActivationService {

    private static final Logger log = LoggerFactory.getLogger(ActivationService.class);

    private final IndexProperties properties;
    private final ArtifactStore store;
    private final IndexLoader loader;
    private final ActiveIndex active;
    private final IndexEvents events;

    public ActivationService(IndexProperties properties, ArtifactStore store, IndexLoader loader, ActiveIndex active,
                             IndexEvents events) {
        this.properties = properties;
        this.store = store;
        this.loader = loader;
        this.active = active;
        this.events = events;
    }

    /** Admin activation: record it in the store and tell the other instances (task-events). */
    public synchronized Activation activate(int version, String activatedBy) {
        String name = properties.name();
        if (!store.versions(name).contains(version)) {
            throw new VersionNotFoundException(name, version);
        }
        Integer previous = active.version().orElse(null);
        if (previous == null || previous != version) {
            active.swap(loader.load(name, version));
        }
        store.recordActiveVersion(name, version);
        boolean rollback = previous != null && version < previous;
        events.activated(new IndexActivated(name, version, previous, rollback, activatedBy));
        log.info("activated {} v{} (previous {})", name, version, previous);
        return new Activation(name, version, previous, rollback);
    }

    /**
     * Another instance activated a version: serve the version recorded in the store, which is the
     * latest decision even when activation events arrive late or twice.
     */
    public synchronized void follow(IndexActivated event) {
        if (!properties.name().equals(event.indexName())) {
            return;
        }
        int target = store.activeVersion(event.indexName()).orElse(event.version());
        if (active.version().filter(v -> v == target).isPresent()) {
            return;
        }
        active.swap(loader.load(event.indexName(), target));
        log.info("followed activation of {} v{}", event.indexName(), target);
    }

    /** At start-up: serve the recorded active version, if there is one. */
    public synchronized void loadRecorded() {
        store.activeVersion(properties.name()).ifPresent(version -> {
            try {
                active.swap(loader.load(properties.name(), version));
            } catch (RuntimeException e) {
                log.error("could not load the recorded active version v{}: {}", version, e.getMessage());
            }
        });
    }
}
