package dev.apfa.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The edge. Three auto-configurations are left out because they add work to every request that nothing reads
 * (README, "Observability per request"): Micrometer's tracer (the OpenTelemetry javaagent traces the edge wherever
 * traces are kept; Micrometer's made a span, baggage and log-correlation scopes per request) and Logback's metrics
 * turbo filter (on every logger call). They are listed here rather than in {@code spring.autoconfigure.exclude}:
 * service-support's {@code apfa-service.yml}, which application.yml imports, sets that list (for every service),
 * and an imported file's values replace the importing file's, so a list in application.yml was silently dropped.
 * Exclusions on the annotation add to the property's. {@code GatewayIT} checks that none of these beans exists.
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
