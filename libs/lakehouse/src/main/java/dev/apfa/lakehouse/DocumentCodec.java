package dev.apfa.lakehouse;

import io.delta.standalone.types.StringType;
import io.delta.standalone.types.StructField;
import io.delta.standalone.types.StructType;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/** {@code knowledge_base} columns: id, title, section, source, text (all strings; id required). */
public final class DocumentCodec implements RowCodec<Document> {

    public static final DocumentCodec INSTANCE = new DocumentCodec(false);
    /** Reads only the id column (other fields null): cheap membership checks on big tables. */
    public static final DocumentCodec IDS_ONLY = new DocumentCodec(true);

    private static final MessageType IDS = MessageTypeParser.parseMessageType("message document { required binary id (STRING); }");

    private static final MessageType PARQUET = MessageTypeParser.parseMessageType("""
            message document {
              required binary id (STRING);
              optional binary title (STRING);
              optional binary section (STRING);
              optional binary source (STRING);
              optional binary text (STRING);
            }""");

    private static final StructType DELTA = new StructType(new StructField[]{
            new StructField("id", new StringType(), false),
            new StructField("title", new StringType(), true),
            new StructField("section", new StringType(), true),
            new StructField("source", new StringType(), true),
            new StructField("text", new StringType(), true)});

    private final boolean idsOnly;

    private DocumentCodec(boolean idsOnly) {
        this.idsOnly = idsOnly;
    }

    @Override
    public MessageType readSchema() {
        return idsOnly ? IDS : PARQUET;
    }

    @Override
    public StructType deltaSchema() {
        return DELTA;
    }

    @Override
    public MessageType parquetSchema() {
        return PARQUET;
    }

    @Override
    public void write(Document row, Group record) {
        record.append("id", row.id());
        appendIfPresent(record, "title", row.title());
        appendIfPresent(record, "section", row.section());
        appendIfPresent(record, "source", row.source());
        appendIfPresent(record, "text", row.text());
    }

    @Override
    public Document read(Group record) {
        if (idsOnly) {
            return new Document(record.getString("id", 0), null, null, null, null);
        }
        return new Document(record.getString("id", 0), optional(record, "title"), optional(record, "section"),
                optional(record, "source"), optional(record, "text"));
    }

    static void appendIfPresent(Group record, String field, String value) {
        if (value != null) {
            record.append(field, value);
        }
    }

    static String optional(Group record, String field) {
        return record.getFieldRepetitionCount(field) == 0 ? null : record.getString(field, 0);
    }
}
