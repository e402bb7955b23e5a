package dev.apfa.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfraSettingsTest {

    @TempDir
    Path tmp;

    @Test
    void withoutEnvironmentEverythingIsLocalAndMayBeStarted() {
        InfraSettings settings = InfraSettings.resolve(Map.of(DataDir.ENV, tmp.toString()), null, tmp);

        assertThat(settings.kafka()).isEqualTo(new Endpoint("127.0.0.1:9092", "APFA_KAFKA_BOOTSTRAP", false));
        assertThat(settings.elasticsearch().address()).isEqualTo("http://127.0.0.1:9200");
        assertThat(settings.postgres().address()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/apfa");
        assertThat(settings.postgresUser()).isEqualTo("postgres");
        assertThat(settings.postgresPassword()).isEmpty();
        assertThat(settings.redis().address()).isEqualTo("redis://127.0.0.1:6379");
        assertThat(settings.startTimeout()).isEqualTo(Duration.ofSeconds(180));
    }

    @Test
    void environmentVariablesMeanAttachOnly() {
        InfraSettings settings = InfraSettings.resolve(Map.of(
                DataDir.ENV, tmp.toString(),
                "APFA_KAFKA_BOOTSTRAP", "kafka:29092",
                "APFA_ES_URL", "http://es:9200",
                "APFA_PG_URL", "jdbc:postgresql://db:5432/apfa",
                "APFA_PG_USER", "apfa",
                "APFA_PG_PASSWORD", "from-a-secret",
                "APFA_REDIS_URL", "redis://cache:6379",
                "APFA_INFRA_START_TIMEOUT", "42"), null, tmp);

        assertThat(settings.kafka()).isEqualTo(new Endpoint("kafka:29092", "APFA_KAFKA_BOOTSTRAP", true));
        assertThat(settings.elasticsearch().external()).isTrue();
        assertThat(settings.postgres().external()).isTrue();
        assertThat(settings.redis().external()).isTrue();
        assertThat(new Infra(settings).springProperties()).containsExactly(
                Map.entry("spring.kafka.bootstrap-servers", "kafka:29092"),
                Map.entry("spring.datasource.url", "jdbc:postgresql://db:5432/apfa"),
                Map.entry("spring.datasource.username", "apfa"),
                Map.entry("spring.datasource.password", "from-a-secret"),
                Map.entry("spring.data.redis.url", "redis://cache:6379"),
                Map.entry("apfa.elasticsearch.url", "http://es:9200"));
        assertThat(settings.startTimeout()).isEqualTo(Duration.ofSeconds(42));
    }

    @Test
    void aBlankVariableCountsAsUnset() {
        InfraSettings settings = InfraSettings.resolve(Map.of(DataDir.ENV, tmp.toString(), "APFA_ES_URL", " "), null, tmp);

        assertThat(settings.elasticsearch().external()).isFalse();
    }

    @Test
    void aBadTimeoutIsRejectedWithTheVariableName() {
        assertThatThrownBy(() -> InfraSettings.resolve(
                Map.of(DataDir.ENV, tmp.toString(), "APFA_INFRA_START_TIMEOUT", "soon"), null, tmp))
                .hasMessageContaining("APFA_INFRA_START_TIMEOUT");
    }

    @Test
    void uniqueNamesAreLowerCaseAndDistinct() {
        String first = Infra.uniqueName("Audit-Logs");
        String second = Infra.uniqueName("Audit-Logs");

        assertThat(first).matches("audit-logs-[0-9a-f]{8}");
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void postgresUrlsKeepHostAndParameters() {
        String url = "jdbc:postgresql://db:5433/apfa?sslmode=require";

        assertThat(PostgresServer.maintenanceUrl(url)).isEqualTo("jdbc:postgresql://db:5433/postgres?sslmode=require");
        assertThat(PostgresServer.databaseName(url)).isEqualTo("apfa");
    }
}
