package dev.apfa.index.source;

import dev.apfa.lakehouse.DeltaTable;
import dev.apfa.lakehouse.EmbeddingCodec;
import dev.apfa.lakehouse.EmbeddingRow;
import dev.apfa.lakehouse.Lakehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Builds read real Delta tables: a pinned version, only the corpus rows, one model. */
class DeltaVectorSourceTest {

    @TempDir
    Path dir;

    @Test
    void readsThePinnedVersionKeepingOnlyTheCorpusRows() {
        DeltaTable table = Lakehouse.at(dir.toString()).table("embeddings");
        long v0 = commit(table, "b1", row("kb-1", "knowledge_base", 1f), row("bench-1", "bench_docs", 0f));
        long v1 = commit(table, "b2", row("kb-2", "knowledge_base", 0f));

        DeltaVectorSource source = new DeltaVectorSource(Lakehouse.at(dir.toString()), "knowledge_base");
        SourceVectors first = source.read("embeddings", v0);
        assertThat(first.version()).isEqualTo(v0);
        assertThat(first.docIds()).containsExactly("kb-1");
        assertThat(first.dimension()).isEqualTo(3);
        assertThat(first.vectors()).containsExactly(1f, 0f, 0f);
        // Where the vector came from, so the build can cite the passage that was embedded.
        assertThat(first.provenance().corpusTable()).isEqualTo("knowledge_base");
        assertThat(first.provenance().sourceVersions()).containsExactly(0L);
        assertThat(first.provenance().contentHashes()).containsExactly("hash-kb-1");

        SourceVectors latest = source.read("embeddings", null);
        assertThat(latest.version()).isEqualTo(v1);
        assertThat(latest.docIds()).containsExactlyInAnyOrder("kb-1", "kb-2");
    }

    @Test
    void aMissingTableOrVersionIsUnavailable() {
        DeltaVectorSource source = new DeltaVectorSource(Lakehouse.at(dir.toString()), "knowledge_base");
        assertThatThrownBy(() -> source.read("embeddings", null)).isInstanceOf(SourceUnavailableException.class);
        commit(Lakehouse.at(dir.toString()).table("embeddings"), "b1", row("kb-1", "knowledge_base", 1f));
        assertThatThrownBy(() -> source.read("embeddings", 5L)).isInstanceOf(SourceUnavailableException.class);
    }

    private static long commit(DeltaTable table, String batch, EmbeddingRow... rows) {
        return table.commit(EmbeddingCodec.INSTANCE,
                List.of(table.writeDataFile(EmbeddingCodec.INSTANCE, List.of(rows), batch + "/item-0.parquet", Map.of("batch_id", batch))),
                "embed", null);
    }

    private static EmbeddingRow row(String docId, String sourceTable, float first) {
        float[] vector = first == 1f ? new float[]{1f, 0f, 0f} : new float[]{0f, 1f, 0f};
        return new EmbeddingRow(docId, sourceTable, "hash-" + docId, "all-minilm-l6-v2", vector, 0, "batch");
    }
}
