package dev.apfa.lakehouse;

import org.apache.hadoop.conf.Configuration;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where APFA's Delta tables live: {@code <root>/<table>}. The root is a local directory (by default
 * {@code $APFA_DATA_DIR/delta}) or an {@code s3a://bucket/prefix} URI when {@code APFA_LAKEHOUSE_URI}
 * says so; s3a needs {@code hadoop-aws} on the classpath and the {@code fs.s3a.*} settings below.
 */
public final class Lakehouse {

    public static final String KNOWLEDGE_BASE = "knowledge_base";
    public static final String EMBEDDINGS = "embeddings";

    /** Table names are plain identifiers: they become path segments and event fields. */
    private static final Pattern TABLE_NAME = Pattern.compile("^[A-Za-z][A-Za-z0-9_]{0,127}$");

    private final String root;
    private final Configuration hadoop;

    private Lakehouse(String root, Configuration hadoop) {
        this.root = stripTrailingSlash(root);
        this.hadoop = hadoop;
    }

    /** Tables under {@code root}: a local path or a Hadoop URI ({@code file:}, {@code s3a:}). */
    public static Lakehouse at(String root) {
        return at(root, Map.of());
    }

    /**
     * @param hadoopSettings extra Hadoop settings, e.g. {@code fs.s3a.endpoint}, {@code fs.s3a.path.style.access}
     */
    public static Lakehouse at(String root, Map<String, String> hadoopSettings) {
        Objects.requireNonNull(root, "root");
        String uri = root.contains("://") || root.startsWith("file:") ? root : Path.of(root).toAbsolutePath().normalize().toUri().toString();
        Configuration conf = new Configuration();
        // Local tables: no .crc side files next to data and log files; they add nothing on a local disk.
        // (delta-standalone's HDFSLogStore writes the log through FileContext, hence both settings.)
        conf.set("fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem");
        conf.set("fs.AbstractFileSystem.file.impl", "org.apache.hadoop.fs.local.RawLocalFs");
        conf.set("fs.file.impl.disable.cache", "true");
        hadoopSettings.forEach(conf::set);
        return new Lakehouse(uri, conf);
    }

    /**
     * The root the environment names: {@code APFA_LAKEHOUSE_URI}, else {@code $APFA_DATA_DIR/delta},
     * else {@code .apfa/delta}. For s3a, {@code APFA_S3_ENDPOINT} sets a MinIO-style endpoint.
     */
    public static Lakehouse fromEnvironment() {
        return at(defaultRoot(System.getenv()), s3Settings(System.getenv()));
    }

    static String defaultRoot(Map<String, String> env) {
        String uri = env.get("APFA_LAKEHOUSE_URI");
        if (uri != null && !uri.isBlank()) {
            return uri;
        }
        String dataDir = env.getOrDefault("APFA_DATA_DIR", ".apfa");
        return Path.of(dataDir.isBlank() ? ".apfa" : dataDir, "delta").toString();
    }

    static Map<String, String> s3Settings(Map<String, String> env) {
        String endpoint = env.get("APFA_S3_ENDPOINT");
        if (endpoint == null || endpoint.isBlank()) {
            return Map.of();
        }
        return Map.of("fs.s3a.endpoint", endpoint, "fs.s3a.path.style.access", "true");
    }

    public static boolean isValidTableName(String name) {
        return name != null && TABLE_NAME.matcher(name).matches();
    }

    public DeltaTable table(String name) {
        if (!isValidTableName(name)) {
            throw new IllegalArgumentException("invalid table name: " + name);
        }
        return new DeltaTable(name, root + "/" + name, hadoop);
    }

    public String root() {
        return root;
    }

    private static String stripTrailingSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
