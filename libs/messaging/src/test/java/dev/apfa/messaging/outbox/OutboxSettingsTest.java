package dev.apfa.messaging.outbox;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxSettingsTest {

    private static OutboxSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("apfa.messaging.outbox", OutboxSettings.class);
    }

    @Test
    void defaultsSendAtOnce() {
        OutboxSettings settings = bind(Map.of("apfa.messaging.outbox.enabled", "true"));

        assertThat(settings.wakeDelay()).isZero();
        assertThat(settings.batchSize()).isEqualTo(200);
        assertThat(settings.pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.vacuumAfter()).isEqualTo(10_000);
    }

    @Test
    void bindsTheWakeDelay() {
        OutboxSettings settings = bind(Map.of("apfa.messaging.outbox.enabled", "true",
                "apfa.messaging.outbox.wake-delay", "50ms", "apfa.messaging.outbox.vacuum-after", "0"));

        assertThat(settings.wakeDelay()).isEqualTo(Duration.ofMillis(50));
        assertThat(settings.vacuumAfter()).isZero();
    }
}
