package dev.apfa.lakehouse;

/**
 * A row of {@code embeddings}: the vector of one document of {@code sourceTable} at
 * {@code sourceVersion}, computed by {@code model} in batch {@code batchId}. A document has one row
 * per (source table, model) in any table version. {@code vector} is null in key-only reads.
 */
public record EmbeddingRow(String docId, String sourceTable, String contentHash, String model,
                           float[] vector, long sourceVersion, String batchId) {
}
