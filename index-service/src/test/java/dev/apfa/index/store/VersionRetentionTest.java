package dev.apfa.index.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VersionRetentionTest {

    @TempDir
    Path root;

    @Test
    void keepsTheNewestVersionsAndTheActiveOne() throws IOException {
        FileSystemArtifactStore store = store(6);
        store.recordActiveVersion("knowledge", 2);

        assertThat(new VersionRetention(store, 3).prune("knowledge")).containsExactly(1, 3);

        assertThat(store.versions("knowledge")).containsExactly(2, 4, 5, 6);
        assertThat(root.resolve("indexes/knowledge/v1")).doesNotExist();
        assertThat(root.resolve("indexes/knowledge/v2/index.faiss")).exists();
        assertThat(store.activeVersion("knowledge")).contains(2);
    }

    @Test
    void keepsEverythingWhenDisabledOrUnderTheLimit() throws IOException {
        FileSystemArtifactStore store = store(3);

        assertThat(new VersionRetention(store, 0).prune("knowledge")).isEmpty();
        assertThat(new VersionRetention(store, 3).prune("knowledge")).isEmpty();
        assertThat(new VersionRetention(store, 10).prune("knowledge")).isEmpty();
        assertThat(store.versions("knowledge")).containsExactly(1, 2, 3);
    }

    @Test
    void deletingAMissingVersionDoesNothing() throws IOException {
        FileSystemArtifactStore store = store(1);
        store.delete("knowledge", 7);
        assertThat(store.versions("knowledge")).containsExactly(1);
    }

    private FileSystemArtifactStore store(int versions) throws IOException {
        FileSystemArtifactStore store = new FileSystemArtifactStore(root);
        Path work = Files.createDirectories(root.resolve("work"));
        Path index = Files.writeString(work.resolve("index.faiss"), "index bytes");
        Path manifest = Files.writeString(work.resolve("manifest.json"), "{}");
        for (int version = 1; version <= versions; version++) {
            store.publish("knowledge", version, List.of(index), manifest);
        }
        return store;
    }
}
