package dev.apfa.lakehouse;

import io.delta.standalone.types.StructType;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.MessageType;

/**
 * How rows of one table map to Parquet records and to the Delta schema. The two schemas describe
 * the same columns; Spark and other Delta readers see ordinary typed columns.
 */
public interface RowCodec<T> {

    StructType deltaSchema();

    MessageType parquetSchema();

    /** Fills {@code record} (created from {@link #parquetSchema()}) with {@code row}. */
    void write(T row, Group record);

    /** Reads a record written with {@link #write}, or one of {@link #readSchema()}'s projection. */
    T read(Group record);

    /** The columns to read; a projection of {@link #parquetSchema()} skips the others on disk. */
    default MessageType readSchema() {
        return parquetSchema();
    }
}
