package dev.apfa.index.store;

import dev.apfa.index.IndexProperties;
import dev.apfa.index.build.BuiltIndex;
import dev.apfa.index.build.IndexBuilder;
import dev.apfa.index.build.Manifest;
import dev.apfa.index.build.Sha256;
import dev.apfa.index.serving.CorruptArtifactException;
import dev.apfa.index.serving.IndexLoader;
import dev.apfa.index.serving.LoadedIndex;
import dev.apfa.index.source.SourceVectors;
import dev.apfa.index.support.TestTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The S3 artifact store against a real S3-protocol server: s3proxy (Maven Central) with its
 * filesystem backend, started as a separate JVM for this class and stopped after it.
 */
class S3ArtifactStoreIT {

    private static final String IDENTITY = "local-test-identity";
    private static final String CREDENTIAL = "local-test-credential";
    private static Process s3proxy;
    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void startS3Proxy(@TempDir Path dir) throws Exception {
        String jar = System.getProperty("s3proxy.jar");
        assertThat(jar).as("s3proxy.jar system property (set by the failsafe configuration)").isNotBlank();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path properties = dir.resolve("s3proxy.properties");
        Files.writeString(properties, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + IDENTITY,
                "s3proxy.credential=" + CREDENTIAL,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + Files.createDirectories(dir.resolve("blobs")),
                ""));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        s3proxy = new ProcessBuilder(java, "-Xmx256m", "-jar", jar, "--properties", properties.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("s3proxy.log").toFile()).start();
        int bound = port;
        await().atMost(Duration.ofSeconds(60)).until(() -> accepts(bound));
        s3 = S3Clients.create(new S3Settings("unused", "http://127.0.0.1:" + port, "us-east-1", true, IDENTITY, CREDENTIAL));
        bucket = "apfa-it-" + UUID.randomUUID().toString().substring(0, 8);
        s3.createBucket(b -> b.bucket(bucket));
    }

    @AfterAll
    static void stopS3Proxy() {
        if (s3 != null) {
            s3.close();
        }
        if (s3proxy != null) {
            s3proxy.destroy();
        }
    }

    @Test
    void publishedVersionIsListedLoadedAndVerified(@TempDir Path work) {
        S3ArtifactStore store = new S3ArtifactStore(s3, bucket);
        assertThat(store.versions("knowledge")).isEmpty();
        assertThat(store.activeVersion("knowledge")).isEmpty();

        SourceVectors table = TestTables.table("embeddings", 4, 1200, 16, 4);
        publish(store, table, 1, work.resolve("b1"));
        publish(store, table, 2, work.resolve("b2"));
        assertThat(store.versions("knowledge")).containsExactly(1, 2);
        store.recordActiveVersion("knowledge", 2);
        assertThat(store.activeVersion("knowledge")).contains(2);

        IndexLoader loader = new IndexLoader(store, JsonMapper.builder().build(), work.resolve("cache"));
        LoadedIndex loaded = loader.load("knowledge", 2);
        assertThat(loaded.manifest().ntotal()).isEqualTo(1200);
        assertThat(loader.manifest("knowledge", 1).version()).isEqualTo(1);

        // Overwrite the index of v1 with other bytes: its sha256 no longer matches the manifest.
        s3.putObject(b -> b.bucket(bucket).key("indexes/knowledge/v1/index.faiss"),
                RequestBody.fromString("not the published index"));
        assertThatThrownBy(() -> loader.load("knowledge", 1)).isInstanceOf(CorruptArtifactException.class)
                .hasMessageContaining("sha256");
        assertThatThrownBy(() -> store.download("knowledge", 9, "manifest.json", work.resolve("m.json")))
                .isInstanceOf(ArtifactNotFoundException.class);

        // Retention: keep the newest version and the active one; here v2 is both, so v1 goes, every object of it.
        publish(store, table, 3, work.resolve("b3"));
        assertThat(new VersionRetention(store, 1).prune("knowledge")).containsExactly(1);
        assertThat(store.versions("knowledge")).containsExactly(2, 3);
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("indexes/knowledge/v1/")).contents()).isEmpty();
        assertThatThrownBy(() -> loader.load("knowledge", 1)).isInstanceOf(ArtifactNotFoundException.class);
        assertThat(loader.load("knowledge", 2).manifest().version()).isEqualTo(2);
    }

    private static void publish(S3ArtifactStore store, SourceVectors table, int version, Path dir) {
        try {
            Files.createDirectories(dir);
            IndexProperties properties = new IndexProperties("knowledge", dir, dir, 500_000, 4.0, 0, 32, 1000, 0.95,
                    "task-events", "embeddings", 0);
            BuiltIndex built = new IndexBuilder(properties).build(table, dir);
            Manifest manifest = new Manifest("knowledge", version, "build-" + version, table.table(), table.version(),
                    table.model(), "inner_product", built.type(), built.dimension(), null, built.ntotal(),
                    built.recallAt10(), built.recallQueries(),
                    Map.of(Manifest.INDEX_FILE, Sha256.of(built.indexFile()), Manifest.IDS_FILE, Sha256.of(built.idsFile())),
                    Instant.now());
            Path manifestFile = dir.resolve("manifest.json");
            Files.writeString(manifestFile, JsonMapper.builder().build().writeValueAsString(manifest));
            store.publish("knowledge", version, List.of(built.indexFile(), built.idsFile()), manifestFile);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean accepts(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
