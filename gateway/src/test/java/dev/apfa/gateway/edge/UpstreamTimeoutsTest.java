package dev.apfa.gateway.edge;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which time limit a proxied URL gets: its service's own, else the default. */
class UpstreamTimeoutsTest {

    static final Duration DEFAULT = Duration.ofSeconds(10);
    static final Duration ADVICE = Duration.ofSeconds(60);

    final UpstreamTimeouts timeouts = new UpstreamTimeouts(DEFAULT, Map.of(
            URI.create("http://127.0.0.1:8082"), ADVICE,
            URI.create("http://advice-service"), ADVICE));

    @Test
    void aServiceWithItsOwnLimitIsMatchedByHostAndPort() {
        assertThat(timeouts.timeoutFor("http://127.0.0.1:8082/api/advice")).isEqualTo(ADVICE);
        assertThat(timeouts.timeoutFor("http://127.0.0.1:8082")).isEqualTo(ADVICE);
        assertThat(timeouts.timeoutFor("http://127.0.0.1:8083/api/advice")).isEqualTo(DEFAULT);
        assertThat(timeouts.timeoutFor("http://10.0.0.1:8082/api/advice")).isEqualTo(DEFAULT);
    }

    @Test
    void theDefaultPortMatchesWrittenOrNot() {
        assertThat(timeouts.timeoutFor("http://advice-service/api/advice")).isEqualTo(ADVICE);
        assertThat(timeouts.timeoutFor("http://advice-service:80/api/advice")).isEqualTo(ADVICE);
        assertThat(timeouts.timeoutFor("http://advice-service:8080/api/advice")).isEqualTo(DEFAULT);
    }

    @Test
    void anythingElseGetsTheDefault() {
        assertThat(timeouts.timeoutFor("/api/advice")).isEqualTo(DEFAULT);
        assertThat(new UpstreamTimeouts(DEFAULT, Map.of()).timeoutFor("http://127.0.0.1:8082/api/advice")).isEqualTo(DEFAULT);
    }
}
