package dev.apfa.index.store;

import java.util.List;
import java.util.Optional;

/**
 * Keeps the artifact store from growing without bound: after a build is published, every version
 * older than the newest {@code retain} is deleted, except the active one (which may be an older
 * version an admin rolled back to). {@code retain <= 0} keeps everything.
 */
public class VersionRetention {

    private final ArtifactStore store;
    private final int retain;

    public VersionRetention(ArtifactStore store, int retain) {
        this.store = store;
        this.retain = retain;
    }

    /** @return the versions deleted, ascending */
    public List<Integer> prune(String indexName) {
        if (retain <= 0) {
            return List.of();
        }
        List<Integer> versions = store.versions(indexName);
        Optional<Integer> active = store.activeVersion(indexName);
        List<Integer> expired = versions.subList(0, Math.max(0, versions.size() - retain)).stream()
                .filter(version -> active.map(a -> !a.equals(version)).orElse(true))
                .toList();
        expired.forEach(version -> store.delete(indexName, version));
        return expired;
    }
}
