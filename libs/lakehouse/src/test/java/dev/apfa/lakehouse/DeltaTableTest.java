package dev.apfa.lakehouse;

import io.delta.standalone.actions.AddFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real Delta tables on the local file system: Parquet written, commits through the log, pinned reads. */
class DeltaTableTest {

    @TempDir
    Path dir;

    @Test
    void committedFilesAreReadBackAtThePinnedVersion() {
        DeltaTable table = Lakehouse.at(dir.toString()).table("knowledge_base");
        assertThat(table.latestVersion()).isEqualTo(-1);

        AddFile first = table.writeDataFile(DocumentCodec.INSTANCE, List.of(doc("a"), doc("b")), null, Map.of());
        assertThat(table.latestVersion()).as("an uncommitted file is invisible").isEqualTo(-1);
        long v0 = table.commit(DocumentCodec.INSTANCE, List.of(first), "seed", null);
        AddFile second = table.writeDataFile(DocumentCodec.INSTANCE, List.of(doc("c")), null, Map.of());
        long v1 = table.commit(DocumentCodec.INSTANCE, List.of(second, first.remove()), "replace", null);

        assertThat(v0).isZero();
        assertThat(v1).isEqualTo(1);
        assertThat(table.readAll(v0, DocumentCodec.INSTANCE)).extracting(Document::id).containsExactlyInAnyOrder("a", "b");
        assertThat(table.readAll(v1, DocumentCodec.INSTANCE)).extracting(Document::id).containsExactly("c");
        assertThat(table.readAll(v0, DocumentCodec.INSTANCE).get(0)).isEqualTo(doc(table.readAll(v0, DocumentCodec.INSTANCE).get(0).id()));
        assertThat(table.count(v0)).isEqualTo(2);
        assertThat(Files.exists(dir.resolve("knowledge_base/_delta_log/00000000000000000000.json"))).isTrue();
        assertThatThrownBy(() -> table.files(7)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void embeddingVectorsRoundTripAndKeyOnlyReadsSkipThem() {
        DeltaTable table = Lakehouse.at(dir.toString()).table("embeddings");
        float[] vector = new float[384];
        IntStream.range(0, vector.length).forEach(i -> vector[i] = i / 384f);
        EmbeddingRow row = new EmbeddingRow("doc-1", "knowledge_base", "hash", "all-minilm-l6-v2", vector, 3, "batch-1");
        long version = table.commit(EmbeddingCodec.INSTANCE,
                List.of(table.writeDataFile(EmbeddingCodec.INSTANCE, List.of(row), "batch-1/item-0.parquet", Map.of("batch_id", "batch-1"))),
                "embed", null);

        EmbeddingRow back = table.readAll(version, EmbeddingCodec.INSTANCE).get(0);
        assertThat(back.vector()).containsExactly(vector);
        assertThat(back.docId()).isEqualTo("doc-1");
        assertThat(back.sourceVersion()).isEqualTo(3);
        assertThat(table.readAll(version, EmbeddingCodec.KEYS_ONLY).get(0).vector()).isNull();
        assertThat(table.files(version).get(0).getTags()).containsEntry("batch_id", "batch-1");
    }

    @Test
    void aRetriedCommitWithTheSameAppIdReturnsTheFirstVersion() {
        DeltaTable table = Lakehouse.at(dir.toString()).table("embeddings");
        // More than ten commits, so delta-standalone also writes (and later reads) a checkpoint.
        for (int i = 0; i < 12; i++) {
            AddFile file = table.writeDataFile(DocumentCodec.INSTANCE, List.of(doc("d" + i)), null, Map.of());
            table.commit(DocumentCodec.INSTANCE, List.of(file), "append", "app-" + i);
        }
        AddFile again = table.writeDataFile(DocumentCodec.INSTANCE, List.of(doc("again")), null, Map.of());
        assertThat(table.commit(DocumentCodec.INSTANCE, List.of(again), "append", "app-4")).isEqualTo(4);
        assertThat(table.latestVersion()).isEqualTo(11);
        assertThat(table.versionCommittedBy("app-11")).contains(11L);
        assertThat(table.versionCommittedBy("never")).isEmpty();
        assertThat(table.count(11)).isEqualTo(12);
    }

    private static Document doc(String id) {
        return new Document(id, "Title " + id, "section", "apfa", "Text of " + id);
    }
}
