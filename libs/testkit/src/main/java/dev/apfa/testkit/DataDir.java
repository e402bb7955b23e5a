package dev.apfa.testkit;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The git-ignored directory holding everything the local infrastructure writes: Kafka and
 * Elasticsearch data, logs, PID files and the start lock. {@code APFA_DATA_DIR}, else
 * {@code <root>/.apfa}.
 */
record DataDir(Path path) {

    static final String ENV = "APFA_DATA_DIR";

    static DataDir resolve(Map<String, String> env, Optional<Path> root, Path workingDir) {
        String configured = env.get(ENV);
        if (configured != null && !configured.isBlank()) {
            return new DataDir(workingDir.resolve(configured.trim()).toAbsolutePath().normalize());
        }
        Path projectRoot = root.orElseThrow(() -> new InfraException(
                "cannot find the APFA repository root (a directory with bin/apfa or the apfa-parent pom.xml) above "
                        + workingDir + "; set " + ProjectRoot.ENV + " (or -D" + ProjectRoot.PROPERTY + ") or " + ENV));
        return new DataDir(projectRoot.resolve(".apfa"));
    }

    Path logs() {
        return path.resolve("logs");
    }

    Path pids() {
        return path.resolve("pids");
    }

    Path kafka() {
        return path.resolve("kafka");
    }

    Path elasticsearch() {
        return path.resolve("elasticsearch");
    }

    Path lockFile() {
        return path.resolve("infra.lock");
    }

    Path log(String component) {
        return logs().resolve(component + ".log");
    }

    Path pidFile(String component) {
        return pids().resolve(component + ".pid");
    }
}
