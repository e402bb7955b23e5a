package dev.apfa.index.build;

import dev.apfa.contracts.task.v1.IndexBuildFailed;
import dev.apfa.contracts.task.v1.IndexBuildFailed.FailureCode;
import dev.apfa.contracts.task.v1.IndexBuildPublished;
import dev.apfa.contracts.task.v1.IndexBuildStarted;
import dev.apfa.index.IndexProperties;
import dev.apfa.index.events.IndexEvents;
import dev.apfa.index.passages.Passage;
import dev.apfa.index.passages.PassageFile;
import dev.apfa.index.passages.PassageSource;
import dev.apfa.index.source.SourceUnavailableException;
import dev.apfa.index.source.SourceVectors;
import dev.apfa.index.source.VectorSource;
import dev.apfa.index.store.ArtifactStore;
import dev.apfa.index.store.ArtifactStoreException;
import dev.apfa.index.store.VersionRetention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Runs builds one at a time on a background thread (a build uses every core, and versions are
 * numbered in order): read the source at a pinned version, build, check recall, publish the
 * artifact and its manifest, and report each step as a task-event.
 */
public class BuildService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BuildService.class);

    private final IndexProperties properties;
    private final VectorSource source;
    private final PassageSource passages;
    private final IndexBuilder builder;
    private final ArtifactStore store;
    private final IndexEvents events;
    private final JsonMapper json;
    private final VersionRetention retention;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "index-build"));
    private final Map<String, BuildTask> tasks = new ConcurrentHashMap<>();

    public BuildService(IndexProperties properties, VectorSource source, PassageSource passages, IndexBuilder builder,
                        ArtifactStore store, IndexEvents events, JsonMapper json) {
        this.properties = properties;
        this.source = source;
        this.passages = passages;
        this.builder = builder;
        this.store = store;
        this.events = events;
        this.json = json;
        this.retention = new VersionRetention(store, properties.retainVersions());
    }

    /**
     * Queues a build of the source table at {@code sourceVersion} (null = latest).
     *
     * @param batchId     the batch that triggered it, or null
     * @param requestedBy the admin who asked, or null
     */
    public BuildTask submit(Long sourceVersion, String batchId, String requestedBy) {
        BuildTask task = BuildTask.queued(UUID.randomUUID().toString(), properties.name());
        tasks.put(task.buildId(), task);
        worker.execute(() -> run(task, sourceVersion, batchId, requestedBy));
        return task;
    }

    public Optional<BuildTask> task(String buildId) {
        return Optional.ofNullable(tasks.get(buildId));
    }

    private void run(BuildTask queued, Long sourceVersion, String batchId, String requestedBy) {
        String buildId = queued.buildId();
        String name = properties.name();
        tasks.put(buildId, queued.running());
        long started = System.nanoTime();
        Path work = null;
        try {
            SourceVectors vectors = source.read(properties.sourceTable(), sourceVersion);
            events.started(new IndexBuildStarted(buildId, name, builder.typeFor(vectors.size()), vectors.table(),
                    vectors.version(), vectors.size(), batchId, requestedBy));
            work = Files.createTempDirectory("index-build-");
            // Passages first: a corpus that does not match its embeddings fails the build before the costly part.
            Path docsFile = writePassages(vectors, work);
            BuiltIndex built = builder.build(vectors, work);
            if (built.recallAt10() < properties.recallThreshold()) {
                fail(buildId, IndexBuildFailed.recallTooLow(buildId, name, built.recallAt10(), properties.recallThreshold()));
                return;
            }
            int version = store.versions(name).stream().max(Integer::compare).orElse(0) + 1;
            Manifest manifest = manifest(buildId, version, vectors, built, docsFile);
            Path manifestFile = work.resolve(ArtifactStore.MANIFEST);
            Files.writeString(manifestFile, json.writerWithDefaultPrettyPrinter().writeValueAsString(manifest));
            List<Path> files = docsFile == null ? List.of(built.indexFile(), built.idsFile())
                    : List.of(built.indexFile(), built.idsFile(), docsFile);
            URI uri = store.publish(name, version, files, manifestFile);
            tasks.put(buildId, tasks.get(buildId).completed(version, built.recallAt10()));
            events.published(new IndexBuildPublished(buildId, name, version, built.type(), built.ntotal(),
                    built.dimension(), IndexBuildPublished.METRIC_INNER_PRODUCT, built.recallAt10(), built.nlist(),
                    built.nprobe(), vectors.table(), vectors.version(), vectors.model(), uri.toString(),
                    (System.nanoTime() - started) / 1_000_000));
            log.info("published {} v{}: {} vectors, recall@10 {}", name, version, built.ntotal(), built.recallAt10());
            prune(name);
        } catch (SourceUnavailableException e) {
            fail(buildId, IndexBuildFailed.of(buildId, name, FailureCode.SOURCE_UNAVAILABLE, e.getMessage()));
        } catch (ArtifactStoreException e) {
            fail(buildId, IndexBuildFailed.of(buildId, name, FailureCode.ARTIFACT_STORE_ERROR, e.getMessage()));
        } catch (Exception e) {
            log.error("build {} failed", buildId, e);
            fail(buildId, IndexBuildFailed.of(buildId, name, FailureCode.INTERNAL_ERROR, e.getClass().getSimpleName()));
        } finally {
            deleteQuietly(work);
        }
    }

    /** Old versions go after a publish; a failure to delete them is logged and never fails the build. */
    private void prune(String name) {
        try {
            List<Integer> deleted = retention.prune(name);
            if (!deleted.isEmpty()) {
                log.info("deleted {} versions {} (keeping the newest {} and the active one)", name, deleted,
                        properties.retainVersions());
            }
        } catch (ArtifactStoreException e) {
            log.warn("could not delete old versions of {}: {}", name, e.getMessage());
        }
    }

    /**
     * Writes the passage of every label into the build's {@code docs.jsonl}, which travels inside
     * the version (covered by the manifest's sha256), so ids and passages swap and roll back
     * together. Null when the vectors have no corpus behind them.
     */
    private Path writePassages(SourceVectors vectors, Path work) {
        if (vectors.provenance() == null) {
            return null;
        }
        List<Passage> read = passages.read(vectors.docIds(), vectors.provenance());
        Path file = work.resolve(Manifest.DOCS_FILE);
        PassageFile.write(file, read, json);
        return file;
    }

    private Manifest manifest(String buildId, int version, SourceVectors vectors, BuiltIndex built, Path docsFile) {
        Map<String, String> sha = new LinkedHashMap<>();
        sha.put(Manifest.INDEX_FILE, Sha256.of(built.indexFile()));
        sha.put(Manifest.IDS_FILE, Sha256.of(built.idsFile()));
        String corpusTable = null;
        List<Long> corpusVersions = null;
        if (docsFile != null) {
            sha.put(Manifest.DOCS_FILE, Sha256.of(docsFile));
            corpusTable = vectors.provenance().corpusTable();
            corpusVersions = LongStream.of(vectors.provenance().sourceVersions()).distinct().sorted().boxed().toList();
        }
        Manifest.Parameters parameters = built.nlist() == null ? null
                : new Manifest.Parameters(built.nlist(), built.nprobe());
        return new Manifest(properties.name(), version, buildId, vectors.table(), vectors.version(), vectors.model(),
                IndexBuildPublished.METRIC_INNER_PRODUCT, built.type(), built.dimension(), parameters, built.ntotal(),
                built.recallAt10(), built.recallQueries(), sha, Instant.now(), corpusTable, corpusVersions);
    }

    private void fail(String buildId, IndexBuildFailed failure) {
        log.warn("build {} failed: {}", buildId, failure.reason());
        tasks.put(buildId, tasks.get(buildId).failed(failure.failureCode().name().toLowerCase(), failure.reason(),
                failure.recallAt10()));
        events.failed(failure);
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.debug("could not delete {}", dir, e);
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
