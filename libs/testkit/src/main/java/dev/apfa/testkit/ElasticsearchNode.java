package dev.apfa.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Elasticsearch node, run from the distribution in libs/infra-dist as a daemon that
 * outlives the JVM that started it. As root it runs as {@link ServiceUser} (Elasticsearch refuses
 * root), so everything it writes lives in directories that user owns:
 * <pre>
 *   &lt;data dir&gt;/elasticsearch/config/   copy of the distribution's config (ES writes its keystore there)
 *   &lt;data dir&gt;/elasticsearch/data/
 *   &lt;data dir&gt;/elasticsearch/tmp/      ES_TMPDIR; also marks the process as ours (-Djava.io.tmpdir)
 *   &lt;data dir&gt;/logs/elasticsearch/     its logs; logs/elasticsearch.log links to the main one
 * </pre>
 * The distribution itself stays where Maven put it and is only read.
 */
final class ElasticsearchNode {

    static final String NAME = "elasticsearch";
    static final String DEFAULT_URL = "http://" + ElasticsearchConfig.HOST + ":" + ElasticsearchConfig.HTTP_PORT;

    private static final Logger log = LoggerFactory.getLogger(ElasticsearchNode.class);
    private static final Duration ATTACH_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_GRACE = Duration.ofSeconds(60);
    /** Variables the ES start script would otherwise warn about or pass to the JVM. */
    private static final Set<String> UNSET_ENV = Set.of("JAVA_HOME", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JAVA_OPTS");

    private final Endpoint endpoint;
    private final DataDir dataDir;
    private final InfraSettings settings;
    private final EsHttp http;

    ElasticsearchNode(InfraSettings settings) {
        this.settings = settings;
        this.endpoint = settings.elasticsearch();
        this.dataDir = settings.dataDir();
        this.http = new EsHttp(endpoint.address());
    }

    String url() {
        return endpoint.address();
    }

    EsHttp http() {
        return http;
    }

    /** Our copy of the node's PID (ES writes its own into a directory only its user may write). */
    PidFile pidFile() {
        return new PidFile(dataDir.pidFile(NAME), esTmp().toString());
    }

    /** Starts the node unless one answers already or ours is still starting. Returns the launcher process. */
    Optional<Process> startIfDown() {
        if (endpoint.external() || http.answers() || ownPid().isPresent()) {
            return Optional.empty();
        }
        InfraDist dist = InfraDist.load(settings.requireRoot());
        Path javaHome = ElasticsearchJdk.select(settings.env(), ElasticsearchJdk.SYSTEM_JVMS,
                Path.of(System.getProperty("java.home")));
        prepareDirectories(dist);
        List<String> command = new ArrayList<>();
        if (Processes.runningAsRoot()) {
            command.addAll(asServiceUser(dist));
        }
        // -d: the launcher returns once the node has started (or failed), the node keeps running.
        command.addAll(List.of(dist.elasticsearchHome().resolve("bin").resolve("elasticsearch").toString(),
                "-d", "-p", esPidFile().toString()));
        Path startLog = dataDir.log("elasticsearch-start");
        Processes.rotate(startLog);
        log.info("starting Elasticsearch {} on JDK {} (log: {})", dist.elasticsearchVersion(), javaHome, esMainLog());
        return Optional.of(Processes.startDetached(command, Map.of(
                        "ES_JAVA_HOME", javaHome.toString(),
                        "ES_PATH_CONF", esConfig().toString(),
                        "ES_TMPDIR", esTmp().toString(),
                        "ES_JAVA_OPTS", ElasticsearchConfig.JAVA_OPTS),
                UNSET_ENV, esHome(), startLog));
    }

    /** Waits for health yellow; fails early if the launcher reports a failed start. */
    void awaitReady(Optional<Process> launcher) {
        // A node named by the environment is someone else's, even while ours runs locally too.
        boolean ours = !endpoint.external() && (launcher.isPresent() || ownPid().isPresent());
        Duration timeout = ours ? settings.startTimeout() : ATTACH_TIMEOUT;
        AtomicReference<String> lastProblem = new AtomicReference<>("no answer yet");
        Poll.until("Elasticsearch at " + endpoint.describe(), timeout, () -> {
            recordPid();
            launcher.filter(process -> !process.isAlive() && process.exitValue() != 0).ifPresent(process -> {
                throw new InfraException("Elasticsearch failed to start (launcher exit " + process.exitValue() + "); "
                        + logTails());
            });
            try {
                String colour = http.healthColour();
                lastProblem.set("cluster health " + colour);
                return "red".equals(colour) ? Optional.empty() : Optional.of(colour);
            } catch (IOException e) {
                lastProblem.set(e.toString());
                return Optional.empty();
            }
        }, () -> " (" + lastProblem.get() + ")" + (ours ? "; " + logTails() : ""));
        recordPid();
    }

    boolean isUp() {
        return http.answers();
    }

    /** The node's PID if this kit started it and it runs. */
    OptionalLong pid() {
        return ownPid();
    }

    /** Stops the node if this kit started it; returns its PID then. */
    OptionalLong stop() {
        OptionalLong pid = ownPid();
        pid.ifPresent(this::writePid); // so the PID file's checks and clean-up apply to it
        return pidFile().stop(STOP_GRACE);
    }

    private List<String> asServiceUser(InfraDist dist) {
        Path runuser = Processes.requireExecutable("runuser", "Elasticsearch must not run as root");
        ServiceUser.ensureExists();
        letOthersThrough(dataDir.path());
        letOthersThrough(dataDir.logs());
        ServiceUser.own(esHome());
        ServiceUser.own(esLogs());
        ServiceUser.checkAccess(runuser, dist.elasticsearchHome().resolve("lib"), esData());
        return List.of(runuser.toString(), "-u", ServiceUser.NAME, "--");
    }

    private void prepareDirectories(InfraDist dist) {
        try {
            for (Path dir : List.of(esConfig(), esData(), esTmp(), esLogs())) {
                Files.createDirectories(dir);
            }
            copyConfig(dist.elasticsearchHome().resolve("config"));
            Files.writeString(esConfig().resolve("elasticsearch.yml"),
                    ElasticsearchConfig.elasticsearchYml(esData(), esLogs()));
            Path link = dataDir.log(NAME);
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, dataDir.logs().relativize(esMainLog()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + esHome(), e);
        }
    }

    /** Refreshed on every start, so a new distribution version brings its own jvm.options. */
    private void copyConfig(Path source) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = esConfig().resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** The service user must traverse the data directory, whatever umask created it. */
    private static void letOthersThrough(Path dir) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir);
            if (permissions.add(PosixFilePermission.OTHERS_EXECUTE)) {
                Files.setPosixFilePermissions(dir, permissions);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + dir + " to user " + ServiceUser.NAME, e);
        }
    }

    /** The node's PID, from our PID file or from the one ES writes itself (if our JVM died first). */
    private OptionalLong ownPid() {
        OptionalLong recorded = pidFile().livePid();
        return recorded.isPresent() ? recorded : new PidFile(esPidFile(), esTmp().toString()).livePid();
    }

    private void recordPid() {
        if (pidFile().livePid().isEmpty()) {
            new PidFile(esPidFile(), esTmp().toString()).livePid().ifPresent(this::writePid);
        }
    }

    private void writePid(long pid) {
        pidFile().write(pid);
    }

    private String logTails() {
        return "last lines of " + dataDir.log("elasticsearch-start") + ":\n"
                + Processes.tail(dataDir.log("elasticsearch-start"), 10)
                + "\nlast lines of " + esMainLog() + ":\n" + Processes.tail(esMainLog(), 20);
    }

    private Path esHome() {
        return dataDir.elasticsearch();
    }

    private Path esConfig() {
        return esHome().resolve("config");
    }

    private Path esData() {
        return esHome().resolve("data");
    }

    private Path esTmp() {
        return esHome().resolve("tmp");
    }

    private Path esPidFile() {
        return esHome().resolve("elasticsearch.pid");
    }

    private Path esLogs() {
        return dataDir.logs().resolve(NAME);
    }

    private Path esMainLog() {
        return esLogs().resolve(ElasticsearchConfig.CLUSTER_NAME + ".log");
    }
}
