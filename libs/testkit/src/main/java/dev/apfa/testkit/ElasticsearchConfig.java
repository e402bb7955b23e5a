package dev.apfa.testkit;

import java.nio.file.Path;

/** elasticsearch.yml for the local single node. */
final class ElasticsearchConfig {

    static final String HOST = "127.0.0.1";
    static final int HTTP_PORT = 9200;
    static final int TRANSPORT_PORT = 9300;
    static final String CLUSTER_NAME = "apfa";
    /** Heap for the node; without it Elasticsearch takes half the machine's memory. */
    static final String JAVA_OPTS = "-Xms512m -Xmx512m";

    private ElasticsearchConfig() {
    }

    /**
     * Single node on loopback, so the production bootstrap checks (vm.max_map_count, file
     * descriptors) only warn; no security, as the local run has no TLS; disk watermarks off, as a
     * nearly full developer disk would otherwise turn every index read-only.
     */
    static String elasticsearchYml(Path data, Path logs) {
        return String.join("\n",
                "# Written by dev.apfa.testkit on every start; edits are overwritten.",
                "cluster.name: " + CLUSTER_NAME,
                "node.name: apfa-local",
                "path.data: " + quoted(data),
                "path.logs: " + quoted(logs),
                "network.host: " + HOST,
                "http.port: " + HTTP_PORT,
                "transport.port: " + TRANSPORT_PORT,
                "discovery.type: single-node",
                "xpack.security.enabled: false",
                "cluster.routing.allocation.disk.threshold_enabled: false",
                "");
    }

    private static String quoted(Path path) {
        return "\"" + path.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
