package dev.apfa.index.source;

import dev.apfa.index.passages.Provenance;
import dev.apfa.lakehouse.DeltaTable;
import dev.apfa.lakehouse.EmbeddingCodec;
import dev.apfa.lakehouse.EmbeddingRow;
import dev.apfa.lakehouse.Lakehouse;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a build's vectors from the Delta {@code embeddings} table written by embedding-service, at
 * a pinned table version, keeping the rows of one source table (the corpus the index serves).
 */
public class DeltaVectorSource implements VectorSource {

    private final Lakehouse lakehouse;
    private final String corpusTable;

    public DeltaVectorSource(Lakehouse lakehouse, String corpusTable) {
        this.lakehouse = lakehouse;
        this.corpusTable = corpusTable;
    }

    @Override
    public SourceVectors read(String table, Long version) {
        DeltaTable delta = lakehouse.table(table);
        long pinned = version != null ? version : delta.latestVersion();
        if (pinned < 0 || pinned > delta.latestVersion()) {
            throw new SourceUnavailableException("Delta table '" + table + "' has no version " + (version == null ? "yet" : version));
        }
        Rows rows = new Rows();
        delta.forEach(pinned, EmbeddingCodec.INSTANCE, row -> {
            if (corpusTable.equals(row.sourceTable())) {
                rows.add(row);
            }
        });
        if (rows.docIds.isEmpty()) {
            throw new SourceUnavailableException("version " + pinned + " of '" + table + "' holds no embeddings of '" + corpusTable + "'");
        }
        return new SourceVectors(table, pinned, rows.model, rows.dimension, rows.docIds, rows.flatten(),
                new Provenance(corpusTable, rows.sourceVersions(), rows.contentHashes));
    }

    /** Collects rows, refusing a version that mixes models or dimensions: one index has one space. */
    private static final class Rows {
        private final List<String> docIds = new ArrayList<>();
        private final List<float[]> vectors = new ArrayList<>();
        private final List<Long> sourceVersions = new ArrayList<>();
        private final List<String> contentHashes = new ArrayList<>();
        private String model;
        private int dimension;

        void add(EmbeddingRow row) {
            if (model == null) {
                model = row.model();
                dimension = row.vector().length;
            } else if (!model.equals(row.model()) || dimension != row.vector().length) {
                throw new SourceUnavailableException("embeddings mix models: " + model + " and " + row.model());
            }
            docIds.add(row.docId());
            vectors.add(row.vector());
            sourceVersions.add(row.sourceVersion());
            contentHashes.add(row.contentHash());
        }

        long[] sourceVersions() {
            return sourceVersions.stream().mapToLong(Long::longValue).toArray();
        }

        float[] flatten() {
            float[] all = new float[vectors.size() * dimension];
            for (int i = 0; i < vectors.size(); i++) {
                System.arraycopy(vectors.get(i), 0, all, i * dimension, dimension);
            }
            return all;
        }
    }
}
