package dev.apfa.support.web;

import jakarta.servlet.http.HttpServletRequest;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The request id that follows one call through gateway, services and logs ({@code X-Request-Id}).
 * An incoming id is kept only if it is short and made of safe characters, so a client can never
 * inject log lines or headers through it.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    /** MDC key: the ECS field name, so the id lands in {@code http.request.id} of every log line. */
    public static final String MDC_KEY = "http.request.id";
    /** Request attribute holding the id for code that runs after the filter (handlers, error pages). */
    public static final String ATTRIBUTE = RequestIds.class.getName() + ".id";
    /** Problem-detail property carrying the id. */
    public static final String PROBLEM_PROPERTY = "request_id";

    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{8,128}");

    private RequestIds() {
    }

    /** The incoming id if it is sane, else a new random one. */
    public static String acceptOrCreate(String incoming) {
        if (incoming != null && SANE.matcher(incoming).matches()) {
            return incoming;
        }
        return UUID.randomUUID().toString();
    }

    /** The id of this request; never null (a request that bypassed the filter gets a fresh one). */
    public static String of(HttpServletRequest request) {
        Object id = request.getAttribute(ATTRIBUTE);
        if (id instanceof String value) {
            return value;
        }
        String created = acceptOrCreate(request.getHeader(HEADER));
        request.setAttribute(ATTRIBUTE, created);
        return created;
    }
}
