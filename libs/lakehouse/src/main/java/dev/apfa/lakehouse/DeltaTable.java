package dev.apfa.lakehouse;

import io.delta.standalone.DeltaLog;
import io.delta.standalone.Operation;
import io.delta.standalone.OptimisticTransaction;
import io.delta.standalone.Snapshot;
import io.delta.standalone.actions.Action;
import io.delta.standalone.actions.AddFile;
import io.delta.standalone.actions.Metadata;
import io.delta.standalone.actions.SetTransaction;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One Delta table. Writing is two steps, as in every Delta writer: {@link #writeDataFile} puts a
 * Parquet file in the table directory (invisible to readers), then {@link #commit} makes a set of
 * files part of a new table version through delta-standalone's optimistic transaction, atomically.
 * Reading pins a version: {@link #files(long)} comes from that version's snapshot.
 */
public final class DeltaTable {

    /** Shown in the commit info of every version we write. */
    public static final String ENGINE_INFO = "apfa-lakehouse/1";
    /** Commit-info parameter naming the transaction id of an idempotent commit. */
    static final String APP_ID_PARAMETER = "app_id";

    private final String name;
    private final String path;
    private final Configuration hadoop;
    private volatile DeltaLog log;

    DeltaTable(String name, String path, Configuration hadoop) {
        this.name = name;
        this.path = path;
        this.hadoop = hadoop;
    }

    /**
     * The transaction log, opened on first use: opening loads a snapshot (log listing, checkpoint, Hadoop
     * log-store set-up), which writing a data file does not need.
     */
    private DeltaLog log() {
        DeltaLog current = log;
        if (current == null) {
            synchronized (this) {
                current = log;
                if (current == null) {
                    current = DeltaLog.forTable(hadoop, path);
                    log = current;
                }
            }
        }
        return current;
    }

    public String name() {
        return name;
    }

    public String path() {
        return path;
    }

    /** The newest committed version, or -1 when the table does not exist yet. */
    public long latestVersion() {
        return log().update().getVersion();
    }

    public boolean exists() {
        return latestVersion() >= 0;
    }

    /** The data files of {@code version}; throws {@link IllegalArgumentException} for a version that does not exist. */
    public List<AddFile> files(long version) {
        return snapshot(version).getAllFiles();
    }

    public Snapshot snapshot(long version) {
        long latest = latestVersion();
        if (version < 0 || version > latest) {
            throw new IllegalArgumentException("table " + name + " has no version " + version + " (latest " + latest + ")");
        }
        return log().getSnapshotForVersionAsOf(version);
    }

    /** Number of rows in {@code version}, from the Parquet footers (no data read). */
    public long count(long version) {
        long rows = 0;
        for (AddFile file : files(version)) {
            try (var reader = org.apache.parquet.hadoop.ParquetFileReader.open(HadoopInputFile.fromPath(dataPath(file), hadoop))) {
                rows += reader.getRecordCount();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read footer of " + file.getPath(), e);
            }
        }
        return rows;
    }

    /**
     * Writes {@code rows} to a new Parquet file in the table directory and returns the action that
     * adds it; nothing is visible until {@link #commit}.
     *
     * @param fileName relative path under the table, or null for a random one. A fixed name makes a
     *                 retried write replace its earlier attempt instead of leaving a second file.
     */
    public <T> AddFile writeDataFile(RowCodec<T> codec, Iterable<T> rows, String fileName, Map<String, String> tags) {
        String relative = fileName != null ? fileName : "part-" + UUID.randomUUID() + ".snappy.parquet";
        Path file = new Path(path, relative);
        SimpleGroupFactory records = new SimpleGroupFactory(codec.parquetSchema());
        try {
            ExampleParquetWriter.Builder builder = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(file, hadoop))
                    .withConf(hadoop)
                    .withType(codec.parquetSchema())
                    .withCompressionCodec(CompressionCodecName.SNAPPY)
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE);
            codec.plainEncodedColumns().forEach(column -> builder.withDictionaryEncoding(column, false));
            try (ParquetWriter<Group> writer = builder.build()) {
                for (T row : rows) {
                    Group record = records.newGroup();
                    codec.write(row, record);
                    writer.write(record);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        try {
            FileSystem fs = file.getFileSystem(hadoop);
            var status = fs.getFileStatus(file);
            return new AddFile(relative, Map.of(), status.getLen(), status.getModificationTime(), true, null, tags);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat " + file, e);
        }
    }

    /** The add action for a data file written earlier with {@link #writeDataFile} (e.g. by another process). */
    public AddFile addFileFor(String relativePath, Map<String, String> tags) {
        Path file = new Path(path, relativePath);
        try {
            var status = file.getFileSystem(hadoop).getFileStatus(file);
            return new AddFile(relativePath, Map.of(), status.getLen(), status.getModificationTime(), true, null, tags);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat " + file, e);
        }
    }

    /**
     * Commits {@code actions} as the next version and returns it. The first commit creates the
     * table with {@code codec}'s schema. With an {@code appId}, the commit also records
     * {@code SetTransaction(appId, 0)}: a second commit with the same appId is refused and the
     * version that already holds it is returned instead, which makes a retried commit idempotent.
     *
     * @throws io.delta.standalone.exceptions.DeltaConcurrentModificationException when another
     *         writer committed a conflicting change first (the caller retries)
     */
    public long commit(RowCodec<?> codec, List<? extends Action> actions, String operation, String appId) {
        OptimisticTransaction txn = log().startTransaction();
        if (appId != null) {
            Optional<Long> done = versionCommittedBy(appId);
            if (done.isPresent()) {
                return done.get();
            }
        }
        if (txn.readVersion() < 0) {
            txn.updateMetadata(Metadata.builder().name(name).schema(codec.deltaSchema()).build());
        }
        // Reading the whole table makes a concurrent remove of a file we depend on a conflict.
        txn.readWholeTable();
        List<Action> all = new ArrayList<>(actions);
        if (appId != null) {
            if (txn.txnVersion(appId) >= 0) {
                return versionCommittedBy(appId).orElseThrow();
            }
            all.add(new SetTransaction(appId, 0, Optional.of(System.currentTimeMillis())));
        }
        Map<String, String> parameters = appId == null ? Map.of("operation", quoted(operation))
                : Map.of("operation", quoted(operation), APP_ID_PARAMETER, quoted(appId));
        return txn.commit(all, new Operation(Operation.Name.WRITE, parameters), ENGINE_INFO).getVersion();
    }

    /**
     * The version whose commit carried {@code appId}, if any, so a caller that crashed after
     * committing can find what it produced. The snapshot's transaction state answers "was it
     * committed" at once; the version is then found from the commit infos, newest first (a retried
     * commit is normally one of the last few).
     */
    public Optional<Long> versionCommittedBy(String appId) {
        long latest = latestVersion();
        if (latest < 0 || log().startTransaction().txnVersion(appId) < 0) {
            return Optional.empty();
        }
        String wanted = quoted(appId);
        for (long version = latest; version >= 0; version--) {
            Map<String, String> parameters;
            try {
                parameters = log().getCommitInfoAt(version).getOperationParameters();
            } catch (RuntimeException e) {
                break; // older commit files were cleaned up after a checkpoint
            }
            String found = parameters == null ? null : parameters.get(APP_ID_PARAMETER);
            // Depending on the reader path the value comes back JSON-encoded or decoded.
            if (wanted.equals(found) || appId.equals(found)) {
                return Optional.of(version);
            }
        }
        return Optional.empty();
    }

    /** Calls {@code consumer} with every row of {@code version}, file by file. */
    public <T> void forEach(long version, RowCodec<T> codec, Consumer<? super T> consumer) {
        for (AddFile file : files(version)) {
            readFile(file, codec, consumer);
        }
    }

    /** Every row of {@code version} in a list; for tables that fit in memory. */
    public <T> List<T> readAll(long version, RowCodec<T> codec) {
        List<T> rows = new ArrayList<>();
        forEach(version, codec, rows::add);
        return rows;
    }

    /** The rows of one data file of a snapshot (read with {@link RowCodec#readSchema()}). */
    public <T> void readFile(AddFile file, RowCodec<T> codec, Consumer<? super T> consumer) {
        Configuration conf = new Configuration(hadoop);
        conf.set(ReadSupport.PARQUET_READ_SCHEMA, codec.readSchema().toString());
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), dataPath(file)).withConf(conf).build()) {
            for (Group record = reader.read(); record != null; record = reader.read()) {
                consumer.accept(codec.read(record));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.getPath() + " of " + name, e);
        }
    }

    /** Delta stores operation parameters as JSON values. */
    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private Path dataPath(AddFile file) {
        return new Path(path, file.getPath());
    }
}
