package dev.apfa.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The system user Elasticsearch runs as when this kit runs as root: Elasticsearch refuses to
 * start as root. Created once with useradd (no home, no login shell); owns only the directories
 * Elasticsearch writes.
 */
final class ServiceUser {

    static final String NAME = "apfa-es";

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final int USERADD_USER_EXISTS = 9;

    private ServiceUser() {
    }

    static void ensureExists() {
        Path getent = Processes.requireExecutable("getent", "cannot look up user " + NAME);
        if (Processes.run(COMMAND_TIMEOUT, List.of(getent.toString(), "passwd", NAME)).exitCode() == 0) {
            return;
        }
        Path useradd = Processes.requireExecutable("useradd", "cannot create user " + NAME + " for Elasticsearch");
        Processes.Result result = Processes.run(COMMAND_TIMEOUT, List.of(useradd.toString(), "--system", "--user-group",
                "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", NAME));
        if (result.exitCode() != 0 && result.exitCode() != USERADD_USER_EXISTS) {
            throw new InfraException("useradd " + NAME + " failed (exit " + result.exitCode() + "): " + result.output());
        }
    }

    /** Hands {@code dir} and everything below it to the service user. */
    static void own(Path dir) {
        try {
            UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
            UserPrincipal user = lookup.lookupPrincipalByName(NAME);
            GroupPrincipal group = lookup.lookupPrincipalByGroupName(NAME);
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : (Iterable<Path>) paths::iterator) {
                    PosixFileAttributeView view =
                            Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
                    view.setOwner(user);
                    view.setGroup(group);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hand " + dir + " to user " + NAME, e);
        }
    }

    /**
     * Fails with a useful message unless the service user can read {@code readable} and write
     * {@code writable}: every parent directory must let it through (o+x), which a repository under
     * a private home directory does not.
     */
    static void checkAccess(Path runuser, Path readable, Path writable) {
        Path test = Processes.requireExecutable("test", "cannot check what user " + NAME + " may access");
        Processes.Result result = Processes.run(COMMAND_TIMEOUT, List.of(runuser.toString(), "-u", NAME, "--",
                test.toString(), "-r", readable.toString(), "-a", "-w", writable.toString()));
        if (result.exitCode() != 0) {
            throw new InfraException("user " + NAME + " cannot read " + readable + " or write " + writable
                    + "; every parent directory must be world-searchable (chmod o+x), or set " + DataDir.ENV
                    + " to a directory it can reach " + result.output());
        }
    }
}
