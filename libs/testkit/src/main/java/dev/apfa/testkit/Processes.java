package dev.apfa.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Starting and running operating-system processes, and reading their logs. */
final class Processes {

    /** Where Debian keeps admin tools; a test JVM's PATH often lacks the sbin ones. */
    private static final List<String> SYSTEM_DIRS =
            List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

    record Result(int exitCode, String output) {
    }

    private Processes() {
    }

    static Optional<Path> findExecutable(String name) {
        Set<String> dirs = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.addAll(SYSTEM_DIRS);
        return dirs.stream()
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    static Path requireExecutable(String name, String why) {
        return findExecutable(name).orElseThrow(() -> new InfraException("'" + name + "' is not installed; " + why));
    }

    /**
     * Starts a long-running process that outlives this JVM: in its own session (setsid), so a
     * Ctrl-C aimed at Maven does not reach it; stdin from /dev/null and output appended to
     * {@code log}, so no pipe ties it to this JVM.
     */
    static Process startDetached(List<String> command, Map<String, String> env, Collection<String> unsetEnv,
            Path workDir, Path log) {
        List<String> full = new ArrayList<>();
        // Without setsid (not on Linux) the process still outlives this JVM; only a Ctrl-C can reach it.
        findExecutable("setsid").ifPresent(setsid -> full.add(setsid.toString()));
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full)
                .directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true);
        builder.environment().keySet().removeAll(unsetEnv);
        builder.environment().putAll(env);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new InfraException("cannot start " + command + ": " + e.getMessage(), e);
        }
    }

    /** Runs a short command to completion; output goes through a file, so a chatty command cannot block. */
    static Result run(Duration timeout, List<String> command) {
        Path output = null;
        try {
            output = Files.createTempFile("apfa-testkit", ".out");
            Process process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(output.toFile())
                    .redirectErrorStream(true)
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new InfraException(command + " did not finish within " + timeout.toSeconds() + " s");
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new InfraException("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfraException("interrupted while running " + command, e);
        } finally {
            deleteQuietly(output);
        }
    }

    /** The last lines of a log, for error messages. */
    static String tail(Path log, int lines) {
        if (!Files.isRegularFile(log)) {
            return "(no log at " + log + ")";
        }
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** Keeps one previous log, so a failed start shows only its own lines. */
    static void rotate(Path log) {
        try {
            if (Files.isRegularFile(log)) {
                Files.move(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rotate " + log, e);
        }
    }

    /** Whether this JVM runs as root (uid 0): then Elasticsearch needs a user of its own. */
    static boolean runningAsRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temp file left behind is harmless
            }
        }
    }
}
