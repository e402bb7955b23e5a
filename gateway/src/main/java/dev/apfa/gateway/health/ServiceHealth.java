package dev.apfa.gateway.health;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * The body of {@code GET /api/admin/health} (snake_case on the wire): an overall status and one
 * entry per service with its readiness, how long the probe took and, when it failed, why.
 */
public final class ServiceHealth {

    private ServiceHealth() {
    }

    /**
     * @param status UP when every service is UP, else DEGRADED
     */
    public record Report(String status, Instant checkedAt, List<Service> services) {
    }

    /**
     * @param status         UP, DOWN, OUT_OF_SERVICE (the service's own readiness answer) or UNREACHABLE
     *                       (no answer: refused, timed out)
     * @param httpStatus     the probe's HTTP status, absent when there was no answer
     * @param responseTimeMs how long the probe took
     * @param error          why a service is UNREACHABLE (timeout, connection refused, ...)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Service(String name, String status, Integer httpStatus, long responseTimeMs, String error) {
    }
}
