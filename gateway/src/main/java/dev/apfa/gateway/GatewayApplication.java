package dev.apfa.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The edge. Three auto-configurations are left out because they add work to every request that nothing reads
 * (README, "Observability per request"): Micrometer's tracer (the OpenTelemetry javaagent traces the edge wherever
 * traces are kept; Micrometer's made a span, baggage and log-correlation scopes per request) and Logback's metrics
 * turbo filter (on every logger call). They are listed here rather than in {@code spring.autoconfigure.exclude}: no
 * property source (an imported file, whose values win over application.yml's, or the environment) can drop them.
 * Lettuce's per-command observation is left out for every service by service-support
 * ({@code LeftOutAutoConfigurations}). {@code GatewayIT} checks that none of these beans exists.
 */
@SpringBootApplication(excludeName = {
        "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
        "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.logging.logback.LogbackMetricsAutoConfiguration"})
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }
}
