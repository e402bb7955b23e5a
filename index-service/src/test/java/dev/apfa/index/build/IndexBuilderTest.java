package dev.apfa.index.build;

import dev.apfa.contracts.task.v1.IndexType;
import dev.apfa.faiss.FaissIndex;
import dev.apfa.faiss.IndexKind;
import dev.apfa.index.IndexProperties;
import dev.apfa.index.source.SourceVectors;
import dev.apfa.index.support.TestTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class IndexBuilderTest {

    private static IndexProperties properties(int flatMax, int nlist, int nprobe) {
        return new IndexProperties("knowledge", Path.of("a"), Path.of("c"), flatMax, 4.0, nlist, nprobe, 1000, 0.95,
                "task-events", "embeddings", 0);
    }

    @Test
    void choosesFlatBelowTheThresholdAndIvfWithFourRootNListsAbove() {
        IndexBuilder builder = new IndexBuilder(properties(500_000, 0, 32));
        assertThat(builder.typeFor(499_999)).isEqualTo(IndexType.FLAT_IP);
        assertThat(builder.typeFor(500_000)).isEqualTo(IndexType.IVF_FLAT);
        assertThat(builder.nlistFor(1_000_000)).isEqualTo(4000);
        assertThat(builder.nlistFor(640_000)).isEqualTo(3200);
        assertThat(new IndexBuilder(properties(500_000, 77, 32)).nlistFor(1_000_000)).isEqualTo(77);
    }

    @Test
    void flatBuildIsExactAndMapsLabelsToDocIds(@TempDir Path dir) throws Exception {
        SourceVectors table = TestTables.table("embeddings", 3, 2000, 16, 3);
        BuiltIndex built = new IndexBuilder(properties(500_000, 0, 32)).build(table, dir);
        assertThat(built.type()).isEqualTo(IndexType.FLAT_IP);
        assertThat(built.nlist()).isNull();
        assertThat(built.recallAt10()).isEqualTo(1.0);
        assertThat(built.recallQueries()).isEqualTo(1000);
        assertThat(Files.readAllLines(built.idsFile())).isEqualTo(table.docIds());
        try (FaissIndex index = FaissIndex.read(built.indexFile())) {
            assertThat(index.kind()).isEqualTo(IndexKind.FLAT_IP);
            assertThat(index.search(TestTables.row(table, 42), 1).ids()).containsExactly(42L);
        }
    }

    @Test
    void ivfBuildProbingEveryListHasFullRecall(@TempDir Path dir) {
        SourceVectors table = TestTables.table("embeddings", 4, 3000, 16, 4);
        BuiltIndex built = new IndexBuilder(properties(1000, 12, 12)).build(table, dir);
        assertThat(built.type()).isEqualTo(IndexType.IVF_FLAT);
        assertThat(built.nlist()).isEqualTo(12);
        assertThat(built.nprobe()).isEqualTo(12);
        assertThat(built.recallAt10()).isEqualTo(1.0);
        try (FaissIndex index = FaissIndex.read(built.indexFile())) {
            assertThat(index.kind()).isEqualTo(IndexKind.IVF_FLAT);
            assertThat(index.ntotal()).isEqualTo(3000);
        }
    }

    @Test
    void ivfBuildProbingOneListMeasuresLowRecall(@TempDir Path dir) {
        SourceVectors table = TestTables.table("embeddings", 5, 5000, 32, 5);
        BuiltIndex built = new IndexBuilder(properties(1000, 0, 1)).build(table, dir);
        assertThat(built.nlist()).isEqualTo(283);
        assertThat(built.recallAt10()).isBetween(0.0, 0.9);
    }
}
