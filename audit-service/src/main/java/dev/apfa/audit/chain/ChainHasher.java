package dev.apfa.audit.chain;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash of a chain link: SHA-256 over the previous link's hash and a canonical JSON form of the
 * entry (keys sorted at every level, nulls written, instants in RFC 3339, UTF-8). Verification
 * recomputes exactly this, so the canonical form must never change for existing rows; a new form
 * needs a new version ({@code ChainHasherTest} pins it with fixed hashes).
 * <p>
 * The canonical JSON is streamed into the digest, on each thread through its own reused digest and
 * UTF-8 writer: no field map, no JSON string and no byte array per link. The writer encodes exactly
 * like {@code String.getBytes(UTF_8)} (a lone surrogate becomes {@code ?}), as the first version did.
 */
public final class ChainHasher {

    /** The {@code prev_hash} of the first link of every chain. */
    public static final String GENESIS = "0".repeat(64);

    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();
    private static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<DigestWriter> DIGESTS = ThreadLocal.withInitial(DigestWriter::new);

    private ChainHasher() {
    }

    public static String hash(String previousHash, AuditEntry entry) {
        DigestWriter digest = DIGESTS.get();
        try {
            digest.sha256.reset();
            digest.sha256.update(previousHash.getBytes(StandardCharsets.US_ASCII));
            writeCanonical(entry, digest.utf8);
            digest.utf8.flush();
            return HEX.formatHex(digest.sha256.digest());
        } catch (IOException | RuntimeException e) {
            DIGESTS.remove(); // never reuse a writer that may hold half an entry
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }

    static String canonical(AuditEntry entry) {
        StringWriter json = new StringWriter(512);
        writeCanonical(entry, json);
        return json.toString();
    }

    /** The keys in sorted order, as {@code ORDER_MAP_ENTRIES_BY_KEYS} wrote the first version's field map. */
    private static void writeCanonical(AuditEntry entry, Writer out) {
        try (JsonGenerator json = CANONICAL.createGenerator(out)) {
            json.writeStartObject();
            string(json, "action", entry.action());
            string(json, "actor_id", entry.actorId());
            string(json, "actor_roles", entry.actorRoles());
            string(json, "actor_username", entry.actorUsername());
            json.writePOJOProperty("details", entry.details());
            string(json, "event_id", entry.eventId().toString());
            string(json, "event_type", entry.eventType());
            string(json, "occurred_at", entry.occurredAt().toString());
            string(json, "outcome", entry.outcome());
            string(json, "reason", entry.reason());
            string(json, "request_id", entry.requestId());
            string(json, "resource_id", entry.resourceId());
            string(json, "resource_type", entry.resourceType());
            string(json, "source", entry.source());
            string(json, "source_ip", entry.sourceIp());
            string(json, "trace_id", entry.traceId());
            string(json, "user_agent", entry.userAgent());
            json.writeEndObject();
        }
    }

    private static void string(JsonGenerator json, String name, String value) {
        if (value == null) {
            json.writeNullProperty(name);
        } else {
            json.writeStringProperty(name, value);
        }
    }

    /** A SHA-256 digest fed by a UTF-8 writer. */
    private static final class DigestWriter {
        final MessageDigest sha256;
        final Writer utf8;

        DigestWriter() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JVM has SHA-256", e);
            }
            utf8 = new OutputStreamWriter(new DigestOutputStream(OutputStream.nullOutputStream(), sha256),
                    StandardCharsets.UTF_8);
        }
    }
}
