package dev.apfa.contracts;

/**
 * One registered event type: where it is published, which JSON Schema its {@code data} must
 * satisfy, and which payload record producers serialise.
 * <p>
 * Schema naming: a schema is identified by {@code urn:apfa:schema:<name>:v<N>} (its {@code $id}
 * and the envelope's {@code dataschema}) and stored at {@code schemas/<name>.v<N>.json} on the
 * classpath. A URN and not an https URL, so nobody is tempted to fetch it.
 *
 * @param type          the CloudEvents type, e.g. {@code apfa.task.batch.completed}
 * @param topic         the one topic the type is published on
 * @param schemaName    e.g. {@code batch-completed}; several types may share one schema
 * @param schemaVersion major version; a breaking change gets a new version (and a new file)
 * @param payloadClass  the record in {@code dev.apfa.contracts.<area>.v<N>}
 */
public record EventType(String type, Topic topic, String schemaName, int schemaVersion, Class<?> payloadClass) {

    public static final String SCHEMA_URN_PREFIX = "urn:apfa:schema:";
    public static final String SCHEMA_DIRECTORY = "schemas/";

    /** The {@code dataschema} URI, e.g. {@code urn:apfa:schema:batch-completed:v1}. */
    public String dataSchema() {
        return schemaUrn(schemaName, schemaVersion);
    }

    /** Classpath resource of the schema, e.g. {@code schemas/batch-completed.v1.json}. */
    public String schemaResource() {
        return schemaResource(schemaName, schemaVersion);
    }

    public static String schemaUrn(String name, int version) {
        return SCHEMA_URN_PREFIX + name + ":v" + version;
    }

    public static String schemaResource(String name, int version) {
        return SCHEMA_DIRECTORY + name + ".v" + version + ".json";
    }

    /**
     * The classpath resource for a schema URN, or null when it is not one of ours; this is what
     * lets the validator resolve every schema (and any {@code $ref} between them) offline.
     */
    public static String resourceOfSchemaUrn(String urn) {
        if (urn == null || !urn.startsWith(SCHEMA_URN_PREFIX)) {
            return null;
        }
        String rest = urn.substring(SCHEMA_URN_PREFIX.length());
        int colon = rest.lastIndexOf(":v");
        if (colon <= 0 || !rest.substring(colon + 2).matches("[1-9][0-9]*")) {
            return null;
        }
        return SCHEMA_DIRECTORY + rest.substring(0, colon) + ".v" + rest.substring(colon + 2) + ".json";
    }
}
