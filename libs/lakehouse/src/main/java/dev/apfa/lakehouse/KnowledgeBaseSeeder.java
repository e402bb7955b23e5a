package dev.apfa.lakehouse;

import io.delta.standalone.exceptions.DeltaConcurrentModificationException;

import java.util.List;
import java.util.Map;

/**
 * Loads the shipped corpus into {@code knowledge_base} when the table does not exist yet. Safe to
 * run from several instances at once: the seed commit carries a fixed transaction id, so only one
 * version 0 is ever written and every caller gets its number.
 */
public final class KnowledgeBaseSeeder {

    static final String SEED_APP_ID = "apfa-knowledge-seed";

    private KnowledgeBaseSeeder() {
    }

    /** @return the table version holding the seed (0 unless someone wrote the table another way first) */
    public static long seedIfEmpty(Lakehouse lakehouse) {
        DeltaTable table = lakehouse.table(Lakehouse.KNOWLEDGE_BASE);
        if (table.exists()) {
            return table.versionCommittedBy(SEED_APP_ID).orElse(table.latestVersion());
        }
        List<Document> corpus = KnowledgeCorpus.load();
        var file = table.writeDataFile(DocumentCodec.INSTANCE, corpus, "seed-corpus.snappy.parquet", Map.of("origin", "knowledge/"));
        try {
            return table.commit(DocumentCodec.INSTANCE, List.of(file), "seed knowledge corpus", SEED_APP_ID);
        } catch (DeltaConcurrentModificationException e) {
            // Another instance created the table in the meantime; its seed is as good as ours.
            return table.versionCommittedBy(SEED_APP_ID).orElse(table.latestVersion());
        }
    }
}
