package dev.apfa.index.passages;

import java.util.List;

/**
 * Where each vector of a build came from, as the {@code embeddings} table records it: row i was
 * computed from document i of {@code corpusTable} at {@code sourceVersions[i]} with content hash
 * {@code contentHashes.get(i)}. The passages of a build are read from exactly those versions.
 */
public record Provenance(String corpusTable, long[] sourceVersions, List<String> contentHashes) {

    public Provenance {
        if (sourceVersions.length != contentHashes.size()) {
            throw new IllegalArgumentException("one source version and content hash per row");
        }
    }
}
