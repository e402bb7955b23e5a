package dev.apfa.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A CloudEvents 1.0 event in structured JSON mode: the one envelope every APFA topic carries.
 * {@code traceparent} is the CloudEvents distributed-tracing extension attribute (W3C trace
 * context); the same value also travels in the Kafka record header so that tracing works without
 * parsing the body. The schema for each {@code type} lives in {@code schemas/} (see {@link EventTypes}).
 *
 * @param <T> the payload: a record of one of the {@code dev.apfa.contracts.*.v1} packages when
 *            producing, a generic JSON tree when consuming before the type is known
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventEnvelope<T>(
        String specversion,
        String id,
        String source,
        String type,
        Instant time,
        String subject,
        String datacontenttype,
        String dataschema,
        String traceparent,
        T data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
    }

    /**
     * A new event with a fresh UUID id and the current time.
     *
     * @param service the producing service, e.g. {@code auth-service}; becomes {@code /apfa/auth-service}
     * @param type    the event type, e.g. {@code apfa.audit.login.succeeded}
     * @param subject what the event is about (user, batch, index version …)
     */
    public static <T> EventEnvelope<T> create(String service, String type, String subject, T data) {
        return new EventEnvelope<>(SPEC_VERSION, UUID.randomUUID().toString(), sourceOf(service), type,
                Instant.now(), subject, CONTENT_TYPE, EventTypes.dataSchemaOf(type), null, data);
    }

    public static String sourceOf(String service) {
        return "/apfa/" + service;
    }

    /** This event carrying the given W3C traceparent. */
    public EventEnvelope<T> withTraceparent(String traceparent) {
        return new EventEnvelope<>(specversion, id, source, type, time, subject, datacontenttype, dataschema,
                traceparent, data);
    }
}
