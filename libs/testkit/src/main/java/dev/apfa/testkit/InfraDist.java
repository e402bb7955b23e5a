package dev.apfa.testkit;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The Kafka and Elasticsearch distributions laid out by libs/infra-dist, as its build describes
 * them in {@code libs/infra-dist/target/infra-dist.properties} (paths relative to that file).
 */
record InfraDist(Path kafkaLibs, String kafkaVersion, Path elasticsearchHome, String elasticsearchVersion) {

    static final Path DESCRIPTOR = Path.of("libs", "infra-dist", "target", "infra-dist.properties");
    private static final String BUILD_HINT = "build it with: mvn -B -pl libs/infra-dist -am install";

    static InfraDist load(Path root) {
        Path file = root.resolve(DESCRIPTOR);
        if (!Files.isRegularFile(file)) {
            throw new InfraException(file + " is missing; " + BUILD_HINT);
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        InfraDist dist = parse(properties, file.getParent());
        dist.check();
        return dist;
    }

    static InfraDist parse(Properties properties, Path base) {
        // The build reads versions by dependency position; wrong ids mean someone reordered the pom.
        expect(properties, "kafka.artifactId", "kafka_2.13");
        expect(properties, "elasticsearch.artifactId", "elasticsearch");
        return new InfraDist(
                base.resolve(required(properties, "kafka.libs")).normalize(),
                required(properties, "kafka.version"),
                base.resolve(required(properties, "elasticsearch.home")).normalize(),
                required(properties, "elasticsearch.version"));
    }

    /** The {@code -cp} value: the JVM expands {@code dir/*} to every jar in it. */
    String kafkaClasspath() {
        return kafkaLibs.resolve("*").toString();
    }

    private void check() {
        if (!Files.isRegularFile(elasticsearchHome.resolve("bin").resolve("elasticsearch"))) {
            throw new InfraException("no Elasticsearch distribution in " + elasticsearchHome + "; " + BUILD_HINT);
        }
        List<String> brokers = kafkaBrokerJars();
        String expected = "kafka_2.13-" + kafkaVersion + ".jar";
        if (!brokers.equals(List.of(expected))) {
            // copy-dependencies never deletes, so a version change leaves old jars that would mix in.
            throw new InfraException("expected only " + expected + " in " + kafkaLibs + " but found " + brokers
                    + "; rebuild it: mvn -B -pl libs/infra-dist clean install");
        }
    }

    private List<String> kafkaBrokerJars() {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(kafkaLibs)) {
            return names;
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(kafkaLibs, "kafka_2.13-*.jar")) {
            jars.forEach(jar -> names.add(jar.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + kafkaLibs, e);
        }
        return names;
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank() || value.contains("${")) {
            throw new InfraException("infra-dist.properties has no usable '" + key + "' (" + value + "); " + BUILD_HINT);
        }
        return value.trim();
    }

    private static void expect(Properties properties, String key, String expected) {
        String actual = required(properties, key);
        if (!actual.equals(expected)) {
            throw new InfraException("infra-dist.properties says " + key + "=" + actual + " where " + expected
                    + " belongs: the dependency order in libs/infra-dist/pom.xml changed (see the comment there)");
        }
    }
}
