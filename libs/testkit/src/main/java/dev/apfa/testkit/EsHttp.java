package dev.apfa.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few Elasticsearch REST calls the kit makes, over the JDK HttpClient: a typed client would put
 * a dozen jars on every service's test classpath for a health check and a PUT.
 */
final class EsHttp {

    record Response(int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(\\w+)\"");

    private final String baseUrl;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();

    EsHttp(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    Response get(String path) throws IOException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    Response put(String path, String json) throws IOException {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    Response delete(String path) throws IOException {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    /**
     * The cluster health colour, after waiting up to a second for yellow (all primaries allocated).
     * Elasticsearch 8.19's integ-test-zip has no {@code GET /} handler, so health is the probe.
     */
    String healthColour() throws IOException {
        // A wait that times out answers 408, still with the colour in the body.
        Response response = get("/_cluster/health?wait_for_status=yellow&timeout=1s");
        Matcher status = STATUS.matcher(response.body());
        if (!status.find()) {
            throw new IOException("no cluster health in the answer (HTTP " + response.status() + ")");
        }
        return status.group(1);
    }

    /** Whether anything Elasticsearch answers the health API at all (any colour). */
    boolean answers() {
        try {
            return get("/_cluster/health").ok();
        } catch (IOException e) {
            return false;
        }
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private Response send(HttpRequest.Builder request) throws IOException {
        try {
            HttpResponse<String> response = client.send(request.timeout(REQUEST_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfraException("interrupted during an Elasticsearch request", e);
        }
    }
}
