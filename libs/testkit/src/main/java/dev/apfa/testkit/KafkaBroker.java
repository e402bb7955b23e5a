package dev.apfa.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker, run from the jars of libs/infra-dist as a process of its own that outlives
 * the JVM that started it, so later test JVMs and later builds reuse it. Data under
 * {@code <data dir>/kafka}, log in {@code logs/kafka.log}, PID in {@code pids/kafka.pid}.
 */
final class KafkaBroker {

    static final String NAME = "kafka";
    static final String DEFAULT_BOOTSTRAP = KafkaConfig.HOST + ":" + KafkaConfig.BROKER_PORT;

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);
    private static final List<String> JVM_OPTIONS = List.of("-Xms256m", "-Xmx512m", "-XX:+UseG1GC",
            "-XX:MaxGCPauseMillis=20", "-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true");
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration ATTACH_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_GRACE = Duration.ofSeconds(60);

    private final Endpoint endpoint;
    private final DataDir dataDir;
    private final InfraSettings settings;

    KafkaBroker(InfraSettings settings) {
        this.settings = settings;
        this.endpoint = settings.kafka();
        this.dataDir = settings.dataDir();
    }

    String bootstrap() {
        return endpoint.address();
    }

    PidFile pidFile() {
        // The broker's command line names its server.properties, which lies in our data directory.
        return new PidFile(dataDir.pidFile(NAME), serverProperties().toString());
    }

    /**
     * Starts the broker unless one answers already (or ours is still starting, e.g. launched by a
     * JVM that died before it was ready). Returns the started process, if any.
     */
    Optional<Process> startIfDown() {
        if (endpoint.external() || Net.isListening(KafkaConfig.HOST, KafkaConfig.BROKER_PORT)
                || pidFile().livePid().isPresent()) {
            return Optional.empty();
        }
        InfraDist dist = InfraDist.load(settings.requireRoot());
        writeConfig();
        formatStorageOnce(dist);
        Path logFile = dataDir.log(NAME);
        Processes.rotate(logFile);
        log.info("starting Kafka {} (log: {})", dist.kafkaVersion(), logFile);
        Process process = Processes.startDetached(command(dist, "kafka.Kafka", List.of(serverProperties().toString())),
                Map.of(), Set.of(), dataDir.kafka(), logFile);
        pidFile().write(process.pid());
        return Optional.of(process);
    }

    /** Waits until the broker serves admin requests; fails early if the process we started died. */
    void awaitReady(Optional<Process> started) {
        // A broker named by the environment is someone else's, even while ours runs locally too.
        boolean ours = !endpoint.external() && (started.isPresent() || pid().isPresent());
        Duration timeout = ours ? settings.startTimeout() : ATTACH_TIMEOUT;
        long deadline = System.nanoTime() + timeout.toNanos();
        String what = "Kafka at " + endpoint.describe();
        Supplier<String> detail = () -> ours ? "; " + logTail() : "";
        if (!endpoint.external()) {
            // An admin client starts connecting when created and warns on every refusal, so first
            // wait quietly for the port.
            Poll.until(what, remaining(deadline), () -> {
                failIfExited(started);
                return Net.isListening(KafkaConfig.HOST, KafkaConfig.BROKER_PORT) ? Optional.of(Boolean.TRUE) : Optional.empty();
            }, detail);
        }
        AtomicReference<String> lastProblem = new AtomicReference<>("no answer yet");
        try (Admin admin = Admin.create(adminConfig(bootstrap()))) {
            Poll.until(what, remaining(deadline), () -> {
                failIfExited(started);
                Optional<String> problem = readinessProblem(admin);
                problem.ifPresent(lastProblem::set);
                return problem.isEmpty() ? Optional.of(Boolean.TRUE) : Optional.empty();
            }, () -> " (" + lastProblem.get() + ")" + detail.get());
        }
    }

    boolean isUp() {
        if (!endpoint.external() && !Net.isListening(KafkaConfig.HOST, KafkaConfig.BROKER_PORT)) {
            return false;
        }
        try (Admin admin = Admin.create(adminConfig(bootstrap()))) {
            return readinessProblem(admin).isEmpty();
        }
    }

    /** The broker's PID if this kit started it and it runs. */
    OptionalLong pid() {
        return pidFile().livePid();
    }

    /** Stops the broker if this kit started it; returns its PID then. */
    OptionalLong stop() {
        return pidFile().stop(STOP_GRACE);
    }

    /** Admin client settings that fail fast, for probing and provisioning. */
    static Map<String, Object> adminConfig(String bootstrap) {
        return Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, 2_000,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
    }

    /** Why the broker does not serve yet, or empty when it lists itself in the cluster. */
    private Optional<String> readinessProblem(Admin admin) {
        if (!endpoint.external() && !Net.isListening(KafkaConfig.HOST, KafkaConfig.BROKER_PORT)) {
            // Not listening yet: skip the admin call, which would log a warning for every try.
            return Optional.of("port " + KafkaConfig.BROKER_PORT + " not listening");
        }
        try {
            return TopicProvisioner.get(admin.describeCluster().nodes()).isEmpty()
                    ? Optional.of("no broker in the cluster yet") : Optional.empty();
        } catch (InfraException e) {
            return Optional.of(e.getMessage());
        }
    }

    private void failIfExited(Optional<Process> started) {
        started.filter(process -> !process.isAlive()).ifPresent(process -> {
            pidFile().delete();
            throw new InfraException("Kafka exited with code " + process.exitValue() + " while starting; " + logTail());
        });
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    private String logTail() {
        return "last lines of " + dataDir.log(NAME) + ":\n" + Processes.tail(dataDir.log(NAME), 40);
    }

    private Path serverProperties() {
        return dataDir.kafka().resolve("server.properties");
    }

    private Path log4jConfig() {
        return dataDir.kafka().resolve("log4j2.properties");
    }

    private Path storage() {
        return dataDir.kafka().resolve("data");
    }

    private void writeConfig() {
        try {
            Files.createDirectories(storage());
            Files.createDirectories(dataDir.logs());
            Files.writeString(serverProperties(), KafkaConfig.serverProperties(storage()));
            Files.writeString(log4jConfig(), KafkaConfig.log4j2Properties());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Kafka configuration in " + dataDir.kafka(), e);
        }
    }

    /** KRaft storage must be formatted once with a cluster id before the first start. */
    private void formatStorageOnce(InfraDist dist) {
        if (Files.exists(storage().resolve("meta.properties"))) {
            return;
        }
        log.info("formatting Kafka storage in {}", storage());
        Processes.Result result = Processes.run(FORMAT_TIMEOUT, command(dist, "kafka.tools.StorageTool",
                List.of("format", "--standalone", "--cluster-id", Uuid.randomUuid().toString(),
                        "--config", serverProperties().toString())));
        if (result.exitCode() != 0) {
            throw new InfraException("formatting Kafka storage failed (exit " + result.exitCode() + "):\n" + result.output());
        }
    }

    private List<String> command(InfraDist dist, String mainClass, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add("-Dlog4j2.configurationFile=" + log4jConfig());
        command.add("-cp");
        command.add(dist.kafkaClasspath());
        command.add(mainClass);
        command.addAll(arguments);
        return command;
    }
}
