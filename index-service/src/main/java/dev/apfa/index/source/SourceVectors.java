package dev.apfa.index.source;

import dev.apfa.index.passages.Provenance;

import java.util.List;

/**
 * The input of one build: {@code docIds.size()} L2-normalised vectors, row-major in {@code vectors},
 * read from {@code table} at exactly {@code version}. {@code provenance} says which corpus rows they
 * were computed from (null for generated tables, whose builds then carry no passages).
 */
public record SourceVectors(String table, long version, String model, int dimension, List<String> docIds,
                            float[] vectors, Provenance provenance) {

    public SourceVectors {
        if (dimension <= 0 || docIds.isEmpty() || (long) docIds.size() * dimension != vectors.length) {
            throw new IllegalArgumentException("vectors do not match " + docIds.size() + " ids of dimension " + dimension);
        }
        if (provenance != null && provenance.sourceVersions().length != docIds.size()) {
            throw new IllegalArgumentException("provenance does not match " + docIds.size() + " ids");
        }
    }

    /** Vectors without a corpus behind them (generated tables in tests and benchmarks). */
    public SourceVectors(String table, long version, String model, int dimension, List<String> docIds, float[] vectors) {
        this(table, version, model, dimension, docIds, vectors, null);
    }

    public int size() {
        return docIds.size();
    }
}
