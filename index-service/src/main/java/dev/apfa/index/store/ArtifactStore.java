package dev.apfa.index.store;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where index versions live: {@code indexes/<name>/v<N>/<file>}. A version exists once its
 * {@code manifest.json} does; publishers write it last, so readers never see half a version.
 */
public interface ArtifactStore {

    String MANIFEST = "manifest.json";

    /** Stores {@code files} (file name → local file) of a version, the manifest after the others. */
    URI publish(String indexName, int version, List<Path> files, Path manifest);

    /** Versions of the index that have a manifest, ascending. */
    List<Integer> versions(String indexName);

    /** Copies one file of a version to {@code target}; {@link ArtifactNotFoundException} if missing. */
    void download(String indexName, int version, String fileName, Path target);

    /** The version instances serve, recorded so that an instance starting later loads it too. */
    Optional<Integer> activeVersion(String indexName);

    void recordActiveVersion(String indexName, int version);

    /**
     * Removes a version: its manifest first, so it is no longer listed (nor loadable) before its
     * other files go. Removing a version that does not exist does nothing.
     */
    void delete(String indexName, int version);

    static String prefix(String indexName, int version) {
        return "indexes/" + indexName + "/v" + version + "/";
    }
}
