package dev.apfa.elasticsearch;

import com.sun.net.httpserver.HttpServer;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The client sends basic auth only when a username is configured (a local HTTP server records the header). */
class ElasticsearchClientAutoConfigurationTest {

    private final AtomicReference<String> authorization = new AtomicReference<>();
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("X-Elastic-Product", "Elasticsearch");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void sendsBasicAuthWhenAUsernameIsSet() throws Exception {
        try (RestClient client = restClient("elastic", "s3cret")) {
            client.performRequest(new Request("GET", "/_cluster/health"));
        }
        String expected = Base64.getEncoder().encodeToString("elastic:s3cret".getBytes(StandardCharsets.UTF_8));
        assertThat(authorization.get()).isEqualTo("Basic " + expected);
    }

    @Test
    void sendsNoCredentialsWithoutAUsername() throws Exception {
        try (RestClient client = restClient("", "")) {
            client.performRequest(new Request("GET", "/_cluster/health"));
        }
        assertThat(authorization.get()).isNull();
    }

    private RestClient restClient(String username, String password) {
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return new ElasticsearchClientAutoConfiguration().elasticsearchRestClient(url, username, password);
    }
}
