package dev.apfa.gateway.support;

import dev.apfa.contracts.Topic;
import dev.apfa.testkit.Infra;
import dev.apfa.testkit.ServiceProcess;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The real auth-service (testkit {@link ServiceProcess}, from its runnable jar copied to target/it by the
 * build) with a private audit topic and a unique first super_admin. One per JVM; stopped when the JVM exits.
 */
public final class AuthServiceProcess {

    private static AuthServiceProcess shared;

    public final String adminUsername = Infra.uniqueName("gwroot");
    public final String adminPassword = "Gw-" + UUID.randomUUID();
    public final String auditTopic = Infra.uniqueName("audit-events-gw-it");
    private final ServiceProcess process;

    private AuthServiceProcess() {
        createTopic(Infra.shared());
        process = ServiceProcess.start("auth-service", Path.of(System.getProperty("apfa.it.auth-jar", "target/it/auth-service.jar")),
                "384m", "APFA_AUTH_PORT", Map.of(
                        "APFA_AUDIT_TOPIC", auditTopic,
                        "APFA_ADMIN_USERNAME", adminUsername,
                        "APFA_ADMIN_PASSWORD", adminPassword,
                        "APFA_PG_POOL_SIZE", "4"),
                List.of(), Duration.ofSeconds(180));
        Runtime.getRuntime().addShutdownHook(new Thread(process::close));
    }

    public static synchronized AuthServiceProcess shared() {
        if (shared == null) {
            shared = new AuthServiceProcess();
        }
        return shared;
    }

    public String url() {
        return process.url();
    }

    public String jwksUrl() {
        return url() + "/api/auth/.well-known/jwks.json";
    }

    private void createTopic(Infra infra) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap()))) {
            admin.createTopics(List.of(new NewTopic(auditTopic, Topic.AUDIT_EVENTS.partitions(), (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + auditTopic, e);
        }
    }
}
