package dev.apfa.gateway.health;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

import java.time.Duration;

/** {@code GET /api/admin/health} (admin and up, by the security chain's {@code /api/admin/**} rule). */
@Configuration(proxyBeanMethods = false)
class HealthConfiguration {

    @Bean
    ServiceHealthChecker serviceHealthChecker(GatewayProperties gateway,
                                              @Value("${apfa.gateway.health-timeout:2s}") Duration timeout,
                                              ApplicationAvailability availability) {
        // A client of its own: the probes must not share the routes' breakers or connection pool.
        return new ServiceHealthChecker(WebClient.builder().build(), gateway, timeout, availability);
    }

    @RestController
    static class HealthController {

        private final ServiceHealthChecker checker;

        HealthController(ServiceHealthChecker checker) {
            this.checker = checker;
        }

        @GetMapping("/api/admin/health")
        Mono<ServiceHealth.Report> health() {
            return checker.check();
        }
    }
}
