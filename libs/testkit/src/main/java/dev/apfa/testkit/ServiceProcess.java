package dev.apfa.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One of APFA's own services, run from its runnable jar as a child process against the shared
 * infrastructure (PostgreSQL, Redis, Kafka and Elasticsearch addresses of {@link Infra#shared()} in its
 * environment), for tests that need the real service next to the one under test. Started on a free port,
 * ready once its readiness probe answers 200; its output goes to {@code <name>-<port>.log} next to the jar.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    public final int port;
    private final Process process;

    /**
     * @param portVariable the service's port variable, e.g. {@code APFA_AUTH_PORT}
     * @param env          more environment, on top of the infrastructure addresses
     * @param args         program arguments (e.g. {@code --name=value} Spring properties)
     */
    public static ServiceProcess start(String name, Path jar, String heap, String portVariable, Map<String, String> env,
                                       List<String> args, Duration timeout) {
        try {
            return new ServiceProcess(name, jar, heap, portVariable, env, args, timeout);
        } catch (IOException e) {
            throw new InfraException("cannot start " + name + " from " + jar, e);
        }
    }

    private ServiceProcess(String name, Path jar, String heap, String portVariable, Map<String, String> env,
                           List<String> args, Duration timeout) throws IOException {
        Infra infra = Infra.shared();
        port = freePort();
        Path log = jar.toAbsolutePath().getParent().resolve(name + "-" + port + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-jar", jar.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.put(portVariable, Integer.toString(port));
        environment.put("APFA_PG_URL", infra.postgresJdbcUrl());
        environment.put("APFA_PG_USER", infra.postgresUsername());
        environment.put("APFA_PG_PASSWORD", infra.postgresPassword() == null ? "" : infra.postgresPassword());
        environment.put("APFA_REDIS_URL", infra.redisUrl());
        environment.put("APFA_KAFKA_BOOTSTRAP", infra.kafkaBootstrap());
        environment.put("APFA_ES_URL", infra.elasticsearchUrl());
        environment.putAll(env);
        process = builder.start();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest readiness = HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5)).build();
        Poll.until(name, timeout, () -> {
            if (!process.isAlive()) {
                throw new InfraException(name + " exited; see " + log);
            }
            try {
                return http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200
                        ? Optional.of(Boolean.TRUE) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InfraException("interrupted while waiting for " + name, e);
            }
        }, () -> "; see " + log);
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A port nothing listens on right now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new InfraException("no free port", e);
        }
    }
}
