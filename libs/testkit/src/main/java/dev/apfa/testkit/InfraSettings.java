package dev.apfa.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the kit needs to know, resolved once from environment variables, the
 * {@code apfa.root} system property and the working directory. Each endpoint variable, when set,
 * means "attach to this one, start nothing"; unset means the local default, started if down.
 */
record InfraSettings(
        Endpoint kafka,
        Endpoint elasticsearch,
        Endpoint postgres,
        String postgresUser,
        String postgresPassword,
        Endpoint redis,
        Optional<Path> root,
        DataDir dataDir,
        Duration startTimeout,
        Map<String, String> env) {

    static final String KAFKA_BOOTSTRAP = "APFA_KAFKA_BOOTSTRAP";
    static final String ES_URL = "APFA_ES_URL";
    static final String PG_URL = "APFA_PG_URL";
    static final String PG_USER = "APFA_PG_USER";
    static final String PG_PASSWORD = "APFA_PG_PASSWORD";
    static final String REDIS_URL = "APFA_REDIS_URL";
    /** Seconds a started Kafka or Elasticsearch may take to become ready (two cores: about 10 s). */
    static final String START_TIMEOUT = "APFA_INFRA_START_TIMEOUT";

    static final String DEFAULT_PG_USER = "postgres";
    private static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(180);

    static InfraSettings fromEnvironment() {
        return resolve(System.getenv(), System.getProperty(ProjectRoot.PROPERTY), Path.of("").toAbsolutePath());
    }

    static InfraSettings resolve(Map<String, String> env, String rootProperty, Path workingDir) {
        Optional<Path> root = ProjectRoot.locate(rootProperty, env.get(ProjectRoot.ENV), workingDir);
        return new InfraSettings(
                Endpoint.resolve(env, KAFKA_BOOTSTRAP, KafkaBroker.DEFAULT_BOOTSTRAP),
                Endpoint.resolve(env, ES_URL, ElasticsearchNode.DEFAULT_URL),
                Endpoint.resolve(env, PG_URL, PostgresServer.DEFAULT_URL),
                env.getOrDefault(PG_USER, DEFAULT_PG_USER),
                // Local PostgreSQL uses trust authentication, so no password exists to default to.
                env.getOrDefault(PG_PASSWORD, ""),
                Endpoint.resolve(env, REDIS_URL, RedisServer.DEFAULT_URL),
                root,
                DataDir.resolve(env, root, workingDir),
                startTimeout(env.get(START_TIMEOUT)),
                Map.copyOf(env));
    }

    /** The repository root, needed to find libs/infra-dist when Kafka or Elasticsearch must be started. */
    Path requireRoot() {
        return root.orElseThrow(() -> new InfraException("cannot find the APFA repository root, so not the Kafka and "
                + "Elasticsearch distributions in libs/infra-dist either; set " + ProjectRoot.ENV
                + " (or -D" + ProjectRoot.PROPERTY + "), or point " + KAFKA_BOOTSTRAP + " and " + ES_URL
                + " at running ones"));
    }

    private static Duration startTimeout(String seconds) {
        if (seconds == null || seconds.isBlank()) {
            return DEFAULT_START_TIMEOUT;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(seconds.trim()));
        } catch (NumberFormatException e) {
            throw new InfraException(START_TIMEOUT + " must be a number of seconds, not '" + seconds + "'");
        }
    }
}
