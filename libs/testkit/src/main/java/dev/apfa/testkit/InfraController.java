package dev.apfa.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.clients.admin.Admin;

/** Brings the four components up (start or attach, then provision), reports on them, stops ours. */
final class InfraController {

    /** Long enough for another JVM to start everything from scratch on a slow machine. */
    private static final Duration LOCK_TIMEOUT = Duration.ofMinutes(10);

    private final InfraSettings settings;
    private final PostgresServer postgres;
    private final RedisServer redis;
    private final KafkaBroker kafka;
    private final ElasticsearchNode elasticsearch;

    InfraController(InfraSettings settings) {
        this.settings = settings;
        this.postgres = new PostgresServer(settings);
        this.redis = new RedisServer(settings);
        this.kafka = new KafkaBroker(settings);
        this.elasticsearch = new ElasticsearchNode(settings);
    }

    /** Starts or attaches to everything and provisions it; idempotent. */
    List<ComponentState> up() {
        createDataDirectories();
        try (InfraLock ignored = InfraLock.acquire(settings.dataDir().lockFile(), LOCK_TIMEOUT)) {
            postgres.ensureRunning();
            redis.ensureRunning();
            // Launch both before waiting for either: their start-ups overlap.
            long kafkaLaunched = System.nanoTime();
            Optional<Process> kafkaProcess = kafka.startIfDown();
            long elasticsearchLaunched = System.nanoTime();
            Optional<Process> elasticsearchLauncher = elasticsearch.startIfDown();
            kafka.awaitReady(kafkaProcess);
            Duration kafkaTook = since(kafkaLaunched);
            elasticsearch.awaitReady(elasticsearchLauncher);
            Duration elasticsearchTook = since(elasticsearchLaunched);

            postgres.provision();
            provisionTopics();
            IndexTemplates.apply(elasticsearch.http(), IndexTemplates.discover(classLoader()));

            ComponentState kafkaState = ComponentState.of(KafkaBroker.NAME, kafka.bootstrap(), kafka.pid(), true);
            ComponentState elasticsearchState =
                    ComponentState.of(ElasticsearchNode.NAME, elasticsearch.url(), elasticsearch.pid(), true);
            return List.of(
                    ComponentState.of("postgres", postgres.url(), OptionalLong.empty(), true),
                    ComponentState.of("redis", redis.url(), OptionalLong.empty(), true),
                    kafkaProcess.isPresent() ? kafkaState.startedIn(kafkaTook) : kafkaState,
                    elasticsearchLauncher.isPresent() ? elasticsearchState.startedIn(elasticsearchTook) : elasticsearchState);
        }
    }

    /** One state per component; starts and changes nothing. */
    List<ComponentState> status() {
        return List.of(
                ComponentState.of("postgres", postgres.url(), OptionalLong.empty(), postgres.isUp()),
                ComponentState.of("redis", redis.url(), OptionalLong.empty(), redis.isUp()),
                ComponentState.of(KafkaBroker.NAME, kafka.bootstrap(), kafka.pid(), kafka.isUp()),
                ComponentState.of(ElasticsearchNode.NAME, elasticsearch.url(), elasticsearch.pid(), elasticsearch.isUp()));
    }

    /**
     * Stops the processes this kit started (by their PID files) and nothing else: PostgreSQL and
     * Redis are the machine's services and an attached Kafka or Elasticsearch belongs to someone else.
     */
    List<String> down() {
        try (InfraLock ignored = InfraLock.acquire(settings.dataDir().lockFile(), LOCK_TIMEOUT)) {
            return List.of(
                    stopped(ElasticsearchNode.NAME, elasticsearch.stop()),
                    stopped(KafkaBroker.NAME, kafka.stop()));
        }
    }

    private void provisionTopics() {
        try (Admin admin = Admin.create(KafkaBroker.adminConfig(kafka.bootstrap()))) {
            new TopicProvisioner(admin).provision(TopicSpec.fromContracts());
        }
    }

    private void createDataDirectories() {
        DataDir dataDir = settings.dataDir();
        try {
            for (Path dir : List.of(dataDir.path(), dataDir.logs(), dataDir.pids())) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDir.path(), e);
        }
    }

    private static String stopped(String name, OptionalLong pid) {
        return pid.isPresent()
                ? name + " stopped (pid " + pid.getAsLong() + ")"
                : name + " not running from a PID file of ours; nothing stopped";
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : InfraController.class.getClassLoader();
    }

    private static Duration since(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime);
    }
}
