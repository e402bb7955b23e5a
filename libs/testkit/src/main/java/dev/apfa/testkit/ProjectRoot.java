package dev.apfa.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the repository root: the directory holding {@code bin/apfa} or the root {@code pom.xml}
 * (the one whose own artifactId is {@code apfa-parent}).
 *
 * <p>Candidates in order: the {@code apfa.root} system property (the parent POM passes it to
 * surefire and failsafe), the {@code APFA_ROOT} environment variable (set by bin/apfa), the working
 * directory. Each is searched upwards, because Maven run inside a module directory sets
 * {@code apfa.root} to that module rather than to the root.
 */
final class ProjectRoot {

    static final String PROPERTY = "apfa.root";
    static final String ENV = "APFA_ROOT";

    // A module's pom names apfa-parent inside <parent>; only the root pom names it as its own id.
    private static final Pattern PARENT_ELEMENT = Pattern.compile("<parent>.*?</parent>", Pattern.DOTALL);
    private static final String OWN_ARTIFACT_ID = "<artifactId>apfa-parent</artifactId>";

    private ProjectRoot() {
    }

    static Optional<Path> locate(String property, String env, Path workingDir) {
        for (Path start : candidates(property, env, workingDir)) {
            Optional<Path> root = searchUpwards(start);
            if (root.isPresent()) {
                return root;
            }
        }
        return Optional.empty();
    }

    static List<Path> candidates(String property, String env, Path workingDir) {
        List<Path> starts = new ArrayList<>();
        for (String value : new String[] {property, env}) {
            if (value != null && !value.isBlank()) {
                starts.add(workingDir.resolve(value.trim()));
            }
        }
        starts.add(workingDir);
        return starts;
    }

    static Optional<Path> searchUpwards(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (isRoot(dir)) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    static boolean isRoot(Path dir) {
        return Files.isRegularFile(dir.resolve("bin").resolve("apfa")) || isRootPom(dir.resolve("pom.xml"));
    }

    private static boolean isRootPom(Path pom) {
        if (!Files.isRegularFile(pom)) {
            return false;
        }
        try {
            String withoutParent = PARENT_ELEMENT.matcher(Files.readString(pom)).replaceFirst("");
            return withoutParent.contains(OWN_ARTIFACT_ID);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pom, e);
        }
    }
}
