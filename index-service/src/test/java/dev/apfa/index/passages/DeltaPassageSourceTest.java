package dev.apfa.index.passages;

import dev.apfa.index.source.SourceUnavailableException;
import dev.apfa.lakehouse.DeltaTable;
import dev.apfa.lakehouse.Document;
import dev.apfa.lakehouse.DocumentCodec;
import dev.apfa.lakehouse.Lakehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Passages come from the corpus version each embedding was computed from, checked by content hash. */
class DeltaPassageSourceTest {

    @TempDir
    Path dir;

    private final Document a0 = new Document("a", "A title", "Sec", "src", "A's text at v0.");
    private final Document b0 = new Document("b", "B title", "Sec", "src", "B's text at v0.");
    private final Document b1 = new Document("b", "B title", "Sec", "src", "B's text rewritten at v1.");

    @Test
    void readsEachDocumentAtItsRecordedVersion() {
        DeltaTable corpus = Lakehouse.at(dir.toString()).table("knowledge_base");
        long v0 = commit(corpus, a0, b0);
        long v1 = replace(corpus, v0, a0, b1);
        DeltaPassageSource source = new DeltaPassageSource(Lakehouse.at(dir.toString()));

        // a unchanged since v0 (its embedding row kept v0), b re-embedded at v1.
        List<Passage> passages = source.read(List.of("b", "a"),
                new Provenance("knowledge_base", new long[]{v1, v0}, List.of(b1.contentHash(), a0.contentHash())));

        assertThat(passages).containsExactly(
                new Passage("b", "B title", "Sec", "src", "B's text rewritten at v1."),
                new Passage("a", "A title", "Sec", "src", "A's text at v0."));
    }

    @Test
    void aMissingOrChangedDocumentFailsTheRead() {
        DeltaTable corpus = Lakehouse.at(dir.toString()).table("knowledge_base");
        long v0 = commit(corpus, a0, b0);
        DeltaPassageSource source = new DeltaPassageSource(Lakehouse.at(dir.toString()));

        assertThatThrownBy(() -> source.read(List.of("zz"),
                new Provenance("knowledge_base", new long[]{v0}, List.of("h"))))
                .isInstanceOf(SourceUnavailableException.class).hasMessageContaining("'zz'");
        assertThatThrownBy(() -> source.read(List.of("b"),
                new Provenance("knowledge_base", new long[]{v0}, List.of(b1.contentHash()))))
                .isInstanceOf(SourceUnavailableException.class).hasMessageContaining("differs");
        assertThatThrownBy(() -> source.read(List.of("a"),
                new Provenance("knowledge_base", new long[]{v0 + 5}, List.of(a0.contentHash()))))
                .isInstanceOf(SourceUnavailableException.class).hasMessageContaining("no version");
    }

    /** A new version holding only {@code documents}: the previous files removed, as a rewrite of the corpus does. */
    private static long replace(DeltaTable table, long previous, Document... documents) {
        List<io.delta.standalone.actions.Action> actions = new java.util.ArrayList<>();
        table.files(previous).forEach(file -> actions.add(file.remove()));
        actions.add(table.writeDataFile(DocumentCodec.INSTANCE, List.of(documents), null, Map.of()));
        return table.commit(DocumentCodec.INSTANCE, actions, "rewrite", null);
    }

    private static long commit(DeltaTable table, Document... documents) {
        return table.commit(DocumentCodec.INSTANCE,
                List.of(table.writeDataFile(DocumentCodec.INSTANCE, List.of(documents), null, Map.of())), "load", null);
    }
}
