package dev.apfa.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A PID file for a process this kit started. A recorded PID counts only while that process's
 * command line still contains {@code marker} (a path inside the data directory), so a PID the
 * kernel has since given to another process is never reported as ours, let alone killed.
 */
final class PidFile {

    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private final Path file;
    private final String marker;

    PidFile(Path file, String marker) {
        this.file = file;
        this.marker = marker;
    }

    Path path() {
        return file;
    }

    void write(long pid) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, pid + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The recorded PID if that process is alive and is still the one we started. */
    OptionalLong livePid() {
        OptionalLong pid = recordedPid();
        if (pid.isEmpty()) {
            return pid;
        }
        boolean ours = commandLine(pid.getAsLong()).map(line -> line.contains(marker)).orElse(false);
        return ours ? pid : OptionalLong.empty();
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }

    /**
     * Stops the recorded process: SIGTERM, up to {@code grace} for a clean shutdown, then SIGKILL.
     * Returns the PID it stopped, or empty when no live process of ours was recorded. The PID file
     * is removed either way.
     */
    OptionalLong stop(Duration grace) {
        OptionalLong pid = livePid();
        if (pid.isPresent()) {
            ProcessHandle.of(pid.getAsLong()).ifPresent(process -> terminate(process, grace));
        }
        delete();
        return pid;
    }

    /** The process's command line, arguments separated by spaces; empty when it does not exist. */
    static Optional<String> commandLine(long pid) {
        Path cmdline = Path.of("/proc", Long.toString(pid), "cmdline");
        if (Files.isReadable(cmdline)) {
            try {
                byte[] bytes = Files.readAllBytes(cmdline);
                return bytes.length == 0 ? Optional.empty()
                        : Optional.of(new String(bytes, StandardCharsets.UTF_8).replace('\0', ' ').strip());
            } catch (IOException e) {
                return Optional.empty(); // exited between the check and the read
            }
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).flatMap(p -> p.info().commandLine());
    }

    private OptionalLong recordedPid() {
        if (!Files.isRegularFile(file)) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).strip()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static void terminate(ProcessHandle process, Duration grace) {
        process.destroy();
        if (!awaitExit(process, grace)) {
            process.destroyForcibly();
            if (!awaitExit(process, KILL_WAIT)) {
                throw new InfraException("process " + process.pid() + " survived SIGKILL for " + KILL_WAIT.toSeconds() + " s");
            }
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfraException("interrupted while stopping process " + process.pid(), e);
        }
    }
}
