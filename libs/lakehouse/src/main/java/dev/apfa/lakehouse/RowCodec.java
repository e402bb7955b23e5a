package dev.apfa.lakehouse;

import io.delta.standalone.types.StructType;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.MessageType;

import java.util.Set;

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

    /**
     * Column paths (e.g. {@code vector.list.element}) written without dictionary encoding: columns whose
     * values are nearly all distinct, where a dictionary only costs CPU (and space) before Parquet falls back.
     */
    default Set<String> plainEncodedColumns() {
        return Set.of();
    }
}
