package dev.apfa.testkit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Real PostgreSQL, Redis, Kafka and Elasticsearch for integration tests, started or attached to
 * once per JVM and provisioned (database {@code apfa} with its schemas, every contract topic and
 * its dead-letter topic, index templates from the classpath).
 *
 * <pre>{@code
 * @DynamicPropertySource
 * static void infrastructure(DynamicPropertyRegistry registry) {
 *     Infra.shared().springProperties().forEach((name, value) -> registry.add(name, () -> value));
 * }
 * }</pre>
 *
 * Kafka and Elasticsearch, when started here, keep running after the JVM exits so the next test
 * JVM reuses them; {@code InfraCli down} (or {@code bin/apfa down}) stops them. Environment
 * variables {@code APFA_KAFKA_BOOTSTRAP}, {@code APFA_ES_URL}, {@code APFA_PG_URL},
 * {@code APFA_PG_USER}, {@code APFA_PG_PASSWORD} and {@code APFA_REDIS_URL} point at existing
 * infrastructure instead, which is then only checked, never started.
 */
public final class Infra {

    private static final Object LOCK = new Object();
    private static Infra shared;
    private static RuntimeException sharedFailure;

    private final InfraSettings settings;

    Infra(InfraSettings settings) {
        this.settings = settings;
    }

    /**
     * The infrastructure of this JVM: the first call starts or attaches to everything and provisions
     * it, which can take a minute when nothing runs yet; later calls return at once. A failure is
     * remembered, so the tests after it fail fast with the same message instead of waiting again.
     */
    public static Infra shared() {
        synchronized (LOCK) {
            if (shared != null) {
                return shared;
            }
            if (sharedFailure != null) {
                throw new InfraException("infrastructure failed to start earlier in this JVM: "
                        + sharedFailure.getMessage(), sharedFailure);
            }
            try {
                InfraSettings settings = InfraSettings.fromEnvironment();
                new InfraController(settings).up();
                shared = new Infra(settings);
                return shared;
            } catch (RuntimeException e) {
                sharedFailure = e;
                throw e;
            }
        }
    }

    /** {@code host:port} list for Kafka clients. */
    public String kafkaBootstrap() {
        return settings.kafka().address();
    }

    /** Base URL of Elasticsearch's REST API, e.g. {@code http://127.0.0.1:9200}. */
    public String elasticsearchUrl() {
        return settings.elasticsearch().address();
    }

    /** JDBC URL of database {@code apfa} (or of the database {@code APFA_PG_URL} names). */
    public String postgresJdbcUrl() {
        return settings.postgres().address();
    }

    public String postgresUsername() {
        return settings.postgresUser();
    }

    /** Empty for the local server, which trusts local connections. */
    public String postgresPassword() {
        return settings.postgresPassword();
    }

    /** {@code redis://host:port} URL. */
    public String redisUrl() {
        return settings.redis().address();
    }

    /** The endpoints as Spring Boot properties, for {@code @DynamicPropertySource}. */
    public Map<String, String> springProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.kafka.bootstrap-servers", kafkaBootstrap());
        properties.put("spring.datasource.url", postgresJdbcUrl());
        properties.put("spring.datasource.username", postgresUsername());
        properties.put("spring.datasource.password", postgresPassword());
        properties.put("spring.data.redis.url", redisUrl());
        properties.put("apfa.elasticsearch.url", elasticsearchUrl());
        return Collections.unmodifiableMap(properties);
    }

    /**
     * A name no other test run uses, for topics, indices, consumer groups and keys:
     * {@code <prefix>-<8 hex digits>}, lower case (Elasticsearch index names must be).
     */
    public static String uniqueName(String prefix) {
        if (prefix == null || prefix.isBlank()) {
            throw new IllegalArgumentException("prefix must not be blank");
        }
        return prefix.toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
