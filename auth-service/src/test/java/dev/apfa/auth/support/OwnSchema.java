package dev.apfa.auth.support;

import dev.apfa.testkit.Infra;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Runs a test's auth-service in a PostgreSQL schema of its own (Flyway creates it), so other auth-service
 * instances on the same database — another test class, or the local run — never see its rows: their outbox
 * relays cannot send its events, and its first super_admin is its own.
 */
public final class OwnSchema {

    private OwnSchema() {
    }

    /** Registers the shared infrastructure and a new schema named after {@code prefix}; returns the schema. */
    public static String register(DynamicPropertyRegistry registry, String prefix) {
        Infra.shared().springProperties().forEach((name, value) -> registry.add(name, () -> value));
        String schema = Infra.uniqueName(prefix).replace('-', '_');
        registry.add("spring.flyway.schemas", () -> schema);
        registry.add("spring.flyway.default-schema", () -> schema);
        registry.add("spring.datasource.hikari.schema", () -> schema);
        registry.add("spring.jpa.properties.hibernate.default_schema", () -> schema);
        return schema;
    }
}
