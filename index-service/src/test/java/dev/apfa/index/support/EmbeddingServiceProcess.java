package dev.apfa.index.support;

import dev.apfa.testkit.Infra;
import dev.apfa.testkit.ServiceProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The real embedding-service (testkit {@link ServiceProcess}, from its runnable jar copied to target/it by
 * the build) with a private data directory (it seeds the shipped corpus as {@code knowledge_base} version 0
 * there), a private work topic and this JVM's test token issuer. Used for its query embeddings only: no
 * batch runs, so nothing reaches the shared task-events.
 */
public final class EmbeddingServiceProcess implements AutoCloseable {

    public final int port;
    public final Path dataDir;
    private final ServiceProcess process;

    public EmbeddingServiceProcess() throws IOException {
        dataDir = Files.createTempDirectory("index-it-embedding-");
        List<String> args = new ArrayList<>();
        ServiceTestSupport.TOKENS.properties().forEach((name, value) -> args.add("--" + name + "=" + value));
        // The lakehouse in the private data directory, whatever the caller's environment says.
        Map<String, String> env = Map.of(
                "APFA_DATA_DIR", dataDir.toString(),
                "APFA_LAKEHOUSE_URI", dataDir.resolve("delta").toString(),
                "APFA_PG_POOL_SIZE", "3",
                "APFA_EMBEDDING_JOBS_TOPIC", Infra.uniqueName("embedding-jobs-index-it"),
                "APFA_EMBEDDING_WORKERS", "1");
        process = ServiceProcess.start("embedding-service",
                Path.of(System.getProperty("apfa.it.embedding-jar", "target/it/embedding-service.jar")),
                "512m", "APFA_EMBEDDING_PORT", env, args, Duration.ofSeconds(240));
        port = process.port;
    }

    public String url() {
        return process.url();
    }

    /** The Delta root the process seeded. */
    public Path lakehouse() {
        return dataDir.resolve("delta");
    }

    @Override
    public void close() {
        process.close();
        try (var files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary directory is harmless
        }
    }
}
