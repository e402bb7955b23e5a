package dev.apfa.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Picks the JDK Elasticsearch runs on (ES_JAVA_HOME); the integ-test-zip has no bundled JDK.
 *
 * <p>Elasticsearch 8.19 accepts 17 and newer, but Elastic ships 8.19.x with JDK 25 and on 21+ Lucene
 * uses the Panama vector API, so a JDK of 21 or newer is preferred: {@code APFA_ES_JAVA_HOME} if
 * set, else the newest JDK 21+ in {@code /usr/lib/jvm}, else the JDK running this code.
 */
final class ElasticsearchJdk {

    static final String ENV = "APFA_ES_JAVA_HOME";
    static final Path SYSTEM_JVMS = Path.of("/usr/lib/jvm");
    static final int PREFERRED_FEATURE = 21;

    private static final Pattern JAVA_VERSION = Pattern.compile("^JAVA_VERSION=\"(1\\.)?(\\d+)", Pattern.MULTILINE);

    private ElasticsearchJdk() {
    }

    static Path select(Map<String, String> env, Path systemJvms, Path currentJavaHome) {
        String configured = env.get(ENV);
        if (configured != null && !configured.isBlank()) {
            Path home = Path.of(configured.trim());
            if (!Files.isExecutable(home.resolve("bin").resolve("java"))) {
                throw new InfraException(ENV + "=" + configured + " has no bin/java");
            }
            return home;
        }
        return newestInstalled(systemJvms)
                .filter(home -> featureVersion(home).orElse(0) >= PREFERRED_FEATURE)
                .orElse(currentJavaHome);
    }

    /** The feature version (17, 21, 25) from a JDK's {@code release} file. */
    static OptionalInt featureVersion(Path javaHome) {
        Path release = javaHome.resolve("release");
        if (!Files.isRegularFile(release)) {
            return OptionalInt.empty();
        }
        try {
            Matcher matcher = JAVA_VERSION.matcher(Files.readString(release));
            return matcher.find() ? OptionalInt.of(Integer.parseInt(matcher.group(2))) : OptionalInt.empty();
        } catch (IOException e) {
            return OptionalInt.empty();
        }
    }

    private static Optional<Path> newestInstalled(Path systemJvms) {
        if (!Files.isDirectory(systemJvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(systemJvms)) {
            return homes
                    .filter(home -> Files.isExecutable(home.resolve("bin").resolve("java")))
                    .filter(home -> featureVersion(home).isPresent())
                    // Debian links several names to one JDK; the name only makes the choice stable.
                    .max(Comparator.comparingInt((Path home) -> featureVersion(home).getAsInt()).thenComparing(Path::toString));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + systemJvms, e);
        }
    }
}
