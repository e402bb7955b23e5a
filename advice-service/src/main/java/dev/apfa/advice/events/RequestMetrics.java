package dev.apfa.advice.events;

import dev.apfa.advice.AdviceProperties;
import dev.apfa.contracts.EventEnvelope;
import dev.apfa.contracts.EventTypes;
import dev.apfa.contracts.metrics.v1.RequestMetric;
import dev.apfa.security.CurrentUser;
import dev.apfa.support.web.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import java.util.Map;
import java.util.Set;

/**
 * One {@code apfa.metrics.request} on metrics-stream per API request (answers, 4xx and history reads alike),
 * keyed by the service name. The route is the template ({@code /api/advice/{id}}), never the raw path; the
 * advice flow adds the cache flag and stage timings as request attributes.
 */
@Component
public class RequestMetrics implements HandlerInterceptor {

    public static final String CACHE_HIT = RequestMetrics.class.getName() + ".cacheHit";
    public static final String TIMINGS = RequestMetrics.class.getName() + ".timings";
    private static final String START = RequestMetrics.class.getName() + ".start";
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    private final EventSender sender;
    private final String topic;

    public RequestMetrics(EventSender sender, AdviceProperties properties) {
        this.sender = sender;
        this.topic = properties.topics().metrics();
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        request.setAttribute(START, System.nanoTime());
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        if (!(request.getAttribute(START) instanceof Long start) || !METHODS.contains(request.getMethod())) {
            return;
        }
        double latencyMs = (System.nanoTime() - start) / 1e6;
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String route = pattern instanceof String template ? template : "/unmatched";
        int status = response.getStatus();
        RequestMetric metric = new RequestMetric(AdviceAudit.SERVICE, route, request.getMethod(), status,
                Math.round(latencyMs * 10) / 10.0, RequestIds.of(request),
                (Boolean) request.getAttribute(CACHE_HIT),
                CurrentUser.current().map(CurrentUser::id).orElse(null),
                status >= 400 ? errorType(status) : null,
                (Map<String, Double>) request.getAttribute(TIMINGS));
        sender.send(topic, AdviceAudit.SERVICE, EventEnvelope.create(AdviceAudit.SERVICE, EventTypes.METRICS_REQUEST, route, metric));
    }

    static String errorType(int status) {
        return switch (status) {
            case 400 -> "validation";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            default -> "http_" + status;
        };
    }
}
