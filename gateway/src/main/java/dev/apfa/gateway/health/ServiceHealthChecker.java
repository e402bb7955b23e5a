package dev.apfa.gateway.health;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Asks every service the gateway routes to for its readiness ({@code /actuator/health/readiness}
 * on the route's internal URL, all in parallel, each with a short time limit) and reports the
 * gateway's own readiness. Nothing of the services' actuators becomes public: only the status, the
 * probe's HTTP status and its duration are passed on.
 */
public class ServiceHealthChecker {

    private final WebClient client;
    private final Map<String, URI> services = new LinkedHashMap<>();
    private final Duration timeout;
    private final ApplicationAvailability availability;

    public ServiceHealthChecker(WebClient client, GatewayProperties gateway, Duration timeout, ApplicationAvailability availability) {
        this.client = client;
        this.timeout = timeout;
        this.availability = availability;
        // One probe per distinct service (several routes may lead to the same one), named after the route.
        for (RouteDefinition route : gateway.getRoutes()) {
            URI uri = route.getUri();
            if (uri != null && uri.getScheme() != null && uri.getScheme().startsWith("http") && !services.containsValue(uri)) {
                services.put(route.getId() + "-service", uri);
            }
        }
    }

    public Mono<ServiceHealth.Report> check() {
        ServiceHealth.Service self = new ServiceHealth.Service("gateway",
                availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC ? "UP" : "OUT_OF_SERVICE", null, 0, null);
        return Flux.fromIterable(services.entrySet())
                .flatMap(entry -> probe(entry.getKey(), entry.getValue()))
                .concatWithValues(self)
                .sort(Comparator.comparing(ServiceHealth.Service::name))
                .collectList()
                .map(list -> new ServiceHealth.Report(overall(list), Instant.now(), list));
    }

    private static String overall(List<ServiceHealth.Service> list) {
        return list.stream().allMatch(service -> "UP".equals(service.status())) ? "UP" : "DEGRADED";
    }

    private Mono<ServiceHealth.Service> probe(String name, URI base) {
        long start = System.nanoTime();
        return client.get().uri(base.resolve("/actuator/health/readiness")).accept(MediaType.APPLICATION_JSON)
                .exchangeToMono(response -> response.bodyToMono(Map.class).defaultIfEmpty(Map.of())
                        .map(body -> new ServiceHealth.Service(name, statusOf(body, response.statusCode().value()),
                                response.statusCode().value(), millisSince(start), null)))
                .timeout(timeout)
                .onErrorResume(error -> Mono.just(new ServiceHealth.Service(name, "UNREACHABLE", null, millisSince(start),
                        reason(error))));
    }

    private static String statusOf(Map<?, ?> body, int httpStatus) {
        Object status = body.get("status");
        if (status instanceof String value && value.matches("[A-Z_]{1,32}")) {
            return value;
        }
        return httpStatus == 200 ? "UP" : "DOWN";
    }

    private static String reason(Throwable error) {
        if (error instanceof TimeoutException) {
            return "timeout";
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return "connection refused";
            }
        }
        return "no answer";
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
