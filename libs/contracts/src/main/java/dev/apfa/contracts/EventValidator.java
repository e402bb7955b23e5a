package dev.apfa.contracts;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import dev.apfa.contracts.audit.v1.AuditAction;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a serialised event against the contract: the CloudEvents envelope schema, then
 * {@code data} against the schema registered for its {@code type} in {@link EventTypes}, then the
 * two rules a per-payload schema cannot see (dataschema matches the type; an audit payload's
 * {@code action} matches its type).
 * <p>
 * Every schema is read once from this jar's classpath when the validator is built; remote
 * fetching is switched off, so validation never touches the network. Instances are immutable and
 * thread-safe; {@link #shared()} avoids loading the schemas more than once per JVM.
 */
public final class EventValidator {

    /**
     * Duplicate keys and content after the object are rejected: with either, two consumers could
     * read two different events from one record.
     */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final Schema envelopeSchema;
    private final Map<String, Schema> dataSchemasByUrn;

    public EventValidator() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, builder -> builder
                .schemaRegistryConfig(SchemaRegistryConfig.builder()
                        // In 2020-12 "format" only annotates unless asserted; our uuid/date-time/ip must fail.
                        .formatAssertionsEnabled(true)
                        // Messages are matched by tests and read by people; keep them stable.
                        .locale(Locale.ENGLISH)
                        .pathType(PathType.JSON_POINTER)
                        .build())
                .schemaLoader(loader -> loader
                        .fetchRemoteResources(false)
                        .schemaIdResolvers(ids -> ids.mappings(urn -> classpathLocation(urn)))));
        this.envelopeSchema = load(registry, EventTypes.envelopeSchemaUrn());
        Map<String, Schema> schemas = new HashMap<>();
        for (EventType type : EventTypes.all()) {
            schemas.computeIfAbsent(type.dataSchema(), urn -> load(registry, urn));
        }
        this.dataSchemasByUrn = Map.copyOf(schemas);
    }

    /** The validator most callers want: built on first use, then shared. */
    public static EventValidator shared() {
        return Holder.INSTANCE;
    }

    /**
     * The problems with this event, one line each starting with the JSON pointer concerned
     * (e.g. {@code /data/processed: must have a minimum value of 0}); empty when it is valid.
     */
    public List<String> validate(String envelopeJson) {
        try {
            return validateTree(parse(envelopeJson));
        } catch (InvalidEventException e) {
            return e.errors();
        }
    }

    /**
     * Parses an event strictly (duplicate keys and content after the object are refused), for a
     * reader that validates the tree with {@link #validateTree(JsonNode)} and then maps the same tree,
     * parsing the text once.
     *
     * @throws InvalidEventException when the text is not one JSON value
     */
    public JsonNode parse(String envelopeJson) {
        if (envelopeJson == null) {
            throw new InvalidEventException(List.of("/: no JSON content"));
        }
        JsonNode root;
        try {
            root = JSON.readTree(envelopeJson);
        } catch (JacksonException e) {
            throw new InvalidEventException(List.of("/: not valid JSON: " + e.getOriginalMessage()));
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidEventException(List.of("/: no JSON content"));
        }
        return root;
    }

    /** The problems with a parsed event (see {@link #validate(String)}); empty when it is valid. */
    public List<String> validateTree(JsonNode root) {
        List<String> errors = new ArrayList<>();
        envelopeSchema.validate(root).forEach(error -> errors.add(describe("", error)));
        JsonNode typeNode = root.get("type");
        if (typeNode == null || !typeNode.isString()) {
            return List.copyOf(errors); // the envelope schema already said what is wrong
        }
        String type = typeNode.stringValue();
        EventType eventType = EventTypes.find(type).orElse(null);
        if (eventType == null) {
            errors.add("/type: '" + type + "' is not a registered event type");
            return List.copyOf(errors);
        }
        checkDataSchema(root.get("dataschema"), eventType, errors);
        JsonNode data = root.get("data");
        if (data != null && data.isObject()) {
            dataSchemasByUrn.get(eventType.dataSchema()).validate(data)
                    .forEach(error -> errors.add(describe("/data", error)));
            checkAuditAction(data, type, errors);
        }
        return List.copyOf(errors);
    }

    /** Throws {@link InvalidEventException} listing every problem, unless the event is valid. */
    public void requireValid(String envelopeJson) {
        List<String> errors = validate(envelopeJson);
        if (!errors.isEmpty()) {
            throw new InvalidEventException(errors);
        }
    }

    /** A producer using another schema version than this build knows would mislead its consumers. */
    private static void checkDataSchema(JsonNode dataschema, EventType eventType, List<String> errors) {
        if (dataschema != null && dataschema.isString() && !dataschema.stringValue().equals(eventType.dataSchema())) {
            errors.add("/dataschema: '" + dataschema.stringValue() + "' is not the schema of " + eventType.type()
                    + ", expected '" + eventType.dataSchema() + "'");
        }
    }

    /** The audit family shares one schema, so the schema cannot tie {@code action} to the type. */
    private static void checkAuditAction(JsonNode data, String type, List<String> errors) {
        JsonNode action = data.get("action");
        if (type.startsWith(AuditAction.TYPE_PREFIX) && action != null && action.isString()
                && !type.equals(AuditAction.TYPE_PREFIX + action.stringValue())) {
            errors.add("/data/action: '" + action.stringValue() + "' does not match type " + type);
        }
    }

    private static String describe(String prefix, Error error) {
        String pointer = prefix + error.getInstanceLocation().toString();
        return (pointer.isEmpty() ? "/" : pointer) + ": " + error.getMessage();
    }

    private static Schema load(SchemaRegistry registry, String urn) {
        Schema schema = registry.getSchema(SchemaLocation.of(urn));
        schema.initializeValidators(); // resolve every $ref now, not on the first event
        return schema;
    }

    private static String classpathLocation(String urn) {
        String resource = EventType.resourceOfSchemaUrn(urn);
        return resource == null ? null : "classpath:" + resource;
    }

    private static final class Holder {
        private static final EventValidator INSTANCE = new EventValidator();
    }
}
