package dev.apfa.index.source;

import java.util.List;

/**
 * The input of one build: {@code docIds.size()} L2-normalised vectors, row-major in {@code vectors},
 * read from {@code table} at exactly {@code version}.
 */
public record SourceVectors(String table, long version, String model, int dimension, List<String> docIds,
                            float[] vectors) {

    public SourceVectors {
        if (dimension <= 0 || docIds.isEmpty() || (long) docIds.size() * dimension != vectors.length) {
            throw new IllegalArgumentException("vectors do not match " + docIds.size() + " ids of dimension " + dimension);
        }
    }

    public int size() {
        return docIds.size();
    }
}
