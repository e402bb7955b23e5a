package dev.apfa.testkit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis: the machine's own redis-server (started if installed but down), or the one
 * {@code APFA_REDIS_URL} names. Nothing to provision: the advice cache and rate-limit buckets are
 * plain keys.
 */
final class RedisServer {

    static final String DEFAULT_URL = "redis://127.0.0.1:6379";

    private static final Logger log = LoggerFactory.getLogger(RedisServer.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Endpoint endpoint;
    private final DataDir dataDir;

    RedisServer(InfraSettings settings) {
        this.endpoint = settings.redis();
        this.dataDir = settings.dataDir();
    }

    String url() {
        return endpoint.address();
    }

    void ensureRunning() {
        Optional<String> problem = pingProblem(url());
        if (problem.isEmpty()) {
            return;
        }
        if (endpoint.external()) {
            throw new InfraException("Redis at " + endpoint.describe() + " does not answer PING: " + problem.get());
        }
        startLocal();
        Poll.until("Redis at " + url(), START_TIMEOUT, () -> pingProblem(url()).isEmpty());
    }

    boolean isUp() {
        return pingProblem(url()).isEmpty();
    }

    /** PING through the same client library the services use; returns the reply ("PONG"). */
    static String ping(String url) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(TIMEOUT);
        RedisClient client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(TIMEOUT).build())
                .build());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().ping();
        } finally {
            client.shutdown(Duration.ZERO, TIMEOUT);
        }
    }

    private static Optional<String> pingProblem(String url) {
        try {
            String reply = ping(url);
            return "PONG".equals(reply) ? Optional.empty() : Optional.of("PING answered '" + reply + "'");
        } catch (RedisException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }

    /**
     * The machine's redis-server as a throw-away cache: no snapshots, no append-only file. Its
     * working files and log go to the data directory, where bin/apfa logs finds them. It is a
     * system service, not ours, so 'down' leaves it running.
     */
    private void startLocal() {
        Path redisServer = Processes.requireExecutable("redis-server",
                "Redis is not reachable at " + url() + "; install it (bin/apfa setup) or set " + endpoint.variable());
        Path workDir = dataDir.path().resolve("redis");
        try {
            Files.createDirectories(workDir);
            Files.createDirectories(dataDir.logs());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + workDir, e);
        }
        int port = RedisURI.create(url()).getPort();
        log.info("starting redis-server on port {}", port);
        Processes.Result result = Processes.run(START_TIMEOUT, List.of(redisServer.toString(),
                "--daemonize", "yes", "--bind", "127.0.0.1", "-::1", "--port", Integer.toString(port),
                "--save", "", "--appendonly", "no",
                "--dir", workDir.toString(), "--logfile", dataDir.log("redis").toString()));
        if (result.exitCode() != 0) {
            throw new InfraException("redis-server failed to start (exit " + result.exitCode() + "): " + result.output()
                    + "\n" + Processes.tail(dataDir.log("redis"), 20));
        }
    }
}
