package dev.apfa.lakehouse;

import io.delta.standalone.types.ArrayType;
import io.delta.standalone.types.FloatType;
import io.delta.standalone.types.LongType;
import io.delta.standalone.types.StringType;
import io.delta.standalone.types.StructField;
import io.delta.standalone.types.StructType;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

import java.util.Set;

/**
 * {@code embeddings} columns. The vector is a Delta {@code array<float>} in Parquet's standard
 * three-level LIST layout, so Spark, DuckDB or pandas read it as a float array.
 * {@link #KEYS_ONLY} reads everything but the vector (the planner's "what is already embedded").
 */
public final class EmbeddingCodec implements RowCodec<EmbeddingRow> {

    public static final EmbeddingCodec INSTANCE = new EmbeddingCodec(false);
    public static final EmbeddingCodec KEYS_ONLY = new EmbeddingCodec(true);

    private static final MessageType PARQUET = MessageTypeParser.parseMessageType("""
            message embedding {
              required binary doc_id (STRING);
              required binary source_table (STRING);
              required binary content_hash (STRING);
              required binary model (STRING);
              optional group vector (LIST) {
                repeated group list {
                  required float element;
                }
              }
              required int64 source_version;
              required binary batch_id (STRING);
            }""");

    private static final MessageType KEYS = MessageTypeParser.parseMessageType("""
            message embedding {
              required binary doc_id (STRING);
              required binary source_table (STRING);
              required binary content_hash (STRING);
              required binary model (STRING);
              required int64 source_version;
              required binary batch_id (STRING);
            }""");

    private static final StructType DELTA = new StructType(new StructField[]{
            new StructField("doc_id", new StringType(), false),
            new StructField("source_table", new StringType(), false),
            new StructField("content_hash", new StringType(), false),
            new StructField("model", new StringType(), false),
            new StructField("vector", new ArrayType(new FloatType(), false), true),
            new StructField("source_version", new LongType(), false),
            new StructField("batch_id", new StringType(), false)});

    private final boolean keysOnly;

    private EmbeddingCodec(boolean keysOnly) {
        this.keysOnly = keysOnly;
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
    public MessageType readSchema() {
        return keysOnly ? KEYS : PARQUET;
    }

    /** Vector elements, ids and hashes are (nearly) all distinct; table, model and batch id compress well as dictionaries. */
    @Override
    public Set<String> plainEncodedColumns() {
        return Set.of("vector.list.element", "doc_id", "content_hash");
    }

    @Override
    public void write(EmbeddingRow row, Group record) {
        record.append("doc_id", row.docId())
                .append("source_table", row.sourceTable())
                .append("content_hash", row.contentHash())
                .append("model", row.model());
        if (row.vector() != null) {
            Group list = record.addGroup("vector");
            for (float value : row.vector()) {
                list.addGroup("list").append("element", value);
            }
        }
        record.append("source_version", row.sourceVersion()).append("batch_id", row.batchId());
    }

    @Override
    public EmbeddingRow read(Group record) {
        float[] vector = null;
        if (!keysOnly && record.getFieldRepetitionCount("vector") > 0) {
            Group list = record.getGroup("vector", 0);
            int n = list.getFieldRepetitionCount("list");
            vector = new float[n];
            for (int i = 0; i < n; i++) {
                vector[i] = list.getGroup("list", i).getFloat("element", 0);
            }
        }
        return new EmbeddingRow(record.getString("doc_id", 0), record.getString("source_table", 0),
                record.getString("content_hash", 0), record.getString("model", 0), vector,
                record.getLong("source_version", 0), record.getString("batch_id", 0));
    }
}
