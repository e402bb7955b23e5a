package dev.apfa.advice;

import dev.apfa.testkit.Infra;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** advice-service starts against the real infrastructure: schema `advice` migrated, readiness UP, metrics exported. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.datasource.hikari.maximum-pool-size=2")
class AdviceApplicationIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Infra.shared().springProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void migratesItsSchemaAndReportsReady() {
        assertThat(jdbc.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'advice'")
                .query(String.class).list()).contains("advice_records");

        RestClient http = RestClient.create("http://127.0.0.1:" + port);
        assertThat(http.get().uri("/actuator/health/readiness").retrieve().body(String.class)).contains("\"status\":\"UP\"");
        assertThat(http.get().uri("/actuator/prometheus").retrieve().body(String.class))
                .contains("application=\"advice-service\"");
    }
}
