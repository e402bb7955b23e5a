package dev.apfa.index.source;

/**
 * Where builds get their vectors: the Delta {@code embeddings} table written by embedding-service
 * (doc id, vector, model, at a pinned table version), read by {@link DeltaVectorSource}; tests
 * plug in {@link InMemoryVectorSource}.
 */
public interface VectorSource {

    /**
     * @param version the table version to read, or {@code null} for the latest; the result names
     *                the version actually read, so the manifest pins it
     * @throws SourceUnavailableException when the table or version cannot be read
     */
    SourceVectors read(String table, Long version);
}
