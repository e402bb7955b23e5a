package dev.apfa.index.serving;

import dev.apfa.faiss.FaissIndex;
import dev.apfa.index.build.Manifest;
import dev.apfa.index.build.Sha256;
import dev.apfa.index.passages.PassageFile;
import dev.apfa.index.store.ArtifactStore;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Fetches a version from the artifact store into a private cache directory, checks every file
 * against the sha256 in its manifest, then reads it into memory. The cached copy is deleted once
 * loaded: the index and the id mapping live in memory from then on, the passages in an open
 * (unlinked) file, see {@link PassageFile}.
 */
public class IndexLoader {

    private final ArtifactStore store;
    private final JsonMapper json;
    private final Path cacheDir;

    public IndexLoader(ArtifactStore store, JsonMapper json, Path cacheDir) {
        this.store = store;
        this.json = json;
        this.cacheDir = cacheDir;
    }

    public Manifest manifest(String indexName, int version) {
        Path dir = tempDir();
        try {
            Path file = dir.resolve(ArtifactStore.MANIFEST);
            store.download(indexName, version, ArtifactStore.MANIFEST, file);
            return json.readValue(file.toFile(), Manifest.class);
        } finally {
            delete(dir);
        }
    }

    public LoadedIndex load(String indexName, int version) {
        Path dir = tempDir();
        try {
            Path manifestFile = dir.resolve(ArtifactStore.MANIFEST);
            store.download(indexName, version, ArtifactStore.MANIFEST, manifestFile);
            Manifest manifest = json.readValue(manifestFile.toFile(), Manifest.class);
            Map<String, String> sha = manifest.sha256();
            if (sha == null || !sha.containsKey(Manifest.INDEX_FILE) || !sha.containsKey(Manifest.IDS_FILE)) {
                throw new CorruptArtifactException("manifest of v" + version + " lacks sha256 of its files");
            }
            for (Map.Entry<String, String> entry : sha.entrySet()) {
                if (!List.of(Manifest.INDEX_FILE, Manifest.IDS_FILE, Manifest.DOCS_FILE).contains(entry.getKey())) {
                    throw new CorruptArtifactException("unexpected file in manifest: " + entry.getKey());
                }
                Path file = dir.resolve(entry.getKey());
                store.download(indexName, version, entry.getKey(), file);
                String actual = Sha256.of(file);
                if (!actual.equalsIgnoreCase(entry.getValue())) {
                    throw new CorruptArtifactException("sha256 of " + entry.getKey() + " in v" + version
                            + " is " + actual + ", manifest says " + entry.getValue());
                }
            }
            List<String> ids = Files.readAllLines(dir.resolve(Manifest.IDS_FILE));
            FaissIndex index = FaissIndex.read(dir.resolve(Manifest.INDEX_FILE));
            if (index.ntotal() != ids.size() || index.ntotal() != manifest.ntotal()) {
                index.close();
                throw new CorruptArtifactException("v" + version + " holds " + index.ntotal() + " vectors and "
                        + ids.size() + " ids, manifest says " + manifest.ntotal());
            }
            PassageFile passages = null;
            if (sha.containsKey(Manifest.DOCS_FILE)) {
                try {
                    passages = PassageFile.open(dir.resolve(Manifest.DOCS_FILE), ids, json);
                } catch (IllegalStateException e) {
                    index.close();
                    throw new CorruptArtifactException("v" + version + ": " + e.getMessage());
                }
            }
            return new LoadedIndex(manifest, index, List.copyOf(ids), passages);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(dir);
        }
    }

    private Path tempDir() {
        try {
            Files.createDirectories(cacheDir);
            return Files.createTempDirectory(cacheDir, "load-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover in the cache directory is harmless
        }
    }
}
