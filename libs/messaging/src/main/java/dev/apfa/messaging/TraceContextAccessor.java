package dev.apfa.messaging;

import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;

import java.util.Optional;

/** Reads the current span as a W3C traceparent, or nothing when no tracer (or only the no-op one) or no span is active. */
public class TraceContextAccessor {

    private final Tracer tracer;

    /** @param tracer may be {@code null} when the service runs without tracing */
    public TraceContextAccessor(Tracer tracer) {
        this.tracer = tracer;
    }

    /** The current span's context; none without a tracer, a span, or with Micrometer's no-op tracer (empty ids). */
    public Optional<TraceContext> currentContext() {
        if (tracer == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(tracer.currentTraceContext().context())
                .filter(context -> !isEmpty(context.traceId()) && !isEmpty(context.spanId()));
    }

    private static boolean isEmpty(String id) {
        return id == null || id.isEmpty();
    }

    public Optional<String> currentTraceId() {
        return currentContext().map(TraceContext::traceId);
    }

    public Optional<String> currentTraceparent() {
        return currentContext().map(TraceContextAccessor::format);
    }

    static String format(TraceContext context) {
        boolean sampled = Boolean.TRUE.equals(context.sampled());
        return "00-" + context.traceId() + "-" + context.spanId() + (sampled ? "-01" : "-00");
    }
}
