package dev.apfa.index.store;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The local artifact store: a directory tree under the data directory. */
public class FileSystemArtifactStore implements ArtifactStore {

    private static final String ACTIVE = "ACTIVE";
    private static final Pattern VERSION_DIR = Pattern.compile("v(\\d{1,9})");

    private final Path root;

    public FileSystemArtifactStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public URI publish(String indexName, int version, List<Path> files, Path manifest) {
        Path dir = root.resolve(ArtifactStore.prefix(indexName, version));
        try {
            Files.createDirectories(dir);
            for (Path file : files) {
                copyAtomically(file, dir.resolve(file.getFileName().toString()));
            }
            copyAtomically(manifest, dir.resolve(MANIFEST));
            return dir.toUri();
        } catch (IOException e) {
            throw new ArtifactStoreException("cannot publish " + ArtifactStore.prefix(indexName, version), e);
        }
    }

    @Override
    public List<Integer> versions(String indexName) {
        Path dir = root.resolve("indexes").resolve(indexName);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(child -> Files.isRegularFile(child.resolve(MANIFEST)))
                    .map(child -> VERSION_DIR.matcher(child.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(m -> Integer.parseInt(m.group(1)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ArtifactStoreException("cannot list versions of " + indexName, e);
        }
    }

    @Override
    public void download(String indexName, int version, String fileName, Path target) {
        Path source = root.resolve(ArtifactStore.prefix(indexName, version)).resolve(fileName);
        try {
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException e) {
            throw new ArtifactNotFoundException(ArtifactStore.prefix(indexName, version) + fileName + " does not exist");
        } catch (IOException e) {
            throw new ArtifactStoreException("cannot read " + ArtifactStore.prefix(indexName, version) + fileName, e);
        }
    }

    @Override
    public Optional<Integer> activeVersion(String indexName) {
        Path file = root.resolve("indexes").resolve(indexName).resolve(ACTIVE);
        try {
            return Files.isRegularFile(file) ? Optional.of(Integer.parseInt(Files.readString(file).trim())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            throw new ArtifactStoreException("cannot read the active version of " + indexName, new IOException(e));
        }
    }

    @Override
    public void recordActiveVersion(String indexName, int version) {
        Path file = root.resolve("indexes").resolve(indexName).resolve(ACTIVE);
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(ACTIVE + ".part");
            Files.writeString(temp, Integer.toString(version));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ArtifactStoreException("cannot record the active version of " + indexName, e);
        }
    }

    @Override
    public void delete(String indexName, int version) {
        Path dir = root.resolve(ArtifactStore.prefix(indexName, version));
        try {
            Files.deleteIfExists(dir.resolve(MANIFEST));
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        } catch (IOException e) {
            throw new ArtifactStoreException("cannot delete " + ArtifactStore.prefix(indexName, version), e);
        }
    }

    /** Copy to a temporary name, then rename, so a reader never sees a partly written file. */
    private static void copyAtomically(Path source, Path target) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + ".part");
        Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
