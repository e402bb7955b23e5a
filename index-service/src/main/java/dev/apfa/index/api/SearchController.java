package dev.apfa.index.api;

import dev.apfa.index.query.QueryEmbedder;
import dev.apfa.index.serving.SearchService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /internal/search}: called by advice-service with the query's embedding or its text
 * (embedded here through embedding-service with the caller's token). Any valid token
 * (libs/security's default rule): advice-service forwards its caller's token.
 */
@RestController
public class SearchController {

    static final int DEFAULT_K = 10;
    static final int MAX_K = 100;
    /** embedding-service's own limit on a query's length. */
    static final int MAX_TEXT = 8_000;

    private final SearchService search;
    private final QueryEmbedder embedder;
    private final Timer timer;

    public SearchController(SearchService search, QueryEmbedder embedder, MeterRegistry meters) {
        this.search = search;
        this.embedder = embedder;
        // Histogram buckets so that p99 search latency can be read from Prometheus.
        this.timer = Timer.builder("apfa.index.search").description("ANN searches on the active index")
                .publishPercentileHistogram().register(meters);
    }

    @PostMapping("/internal/search")
    public SearchService.Hits search(@RequestBody SearchRequest request,
                                     @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        if (request.text() != null && request.vector() != null) {
            throw new BadRequestException("send either vector or text, not both");
        }
        if (request.text() != null && (request.text().isBlank() || request.text().length() > MAX_TEXT)) {
            throw new BadRequestException("text must be 1.." + MAX_TEXT + " characters and not blank");
        }
        if (request.text() == null && (request.vector() == null || request.vector().length == 0)) {
            throw new BadRequestException("vector or text is required");
        }
        int k = request.k() == null ? DEFAULT_K : request.k();
        if (k < 1 || k > MAX_K) {
            throw new BadRequestException("k must be in 1.." + MAX_K);
        }
        if (request.nprobe() != null && (request.nprobe() < 1 || request.nprobe() > 65_536)) {
            throw new BadRequestException("nprobe must be in 1..65536");
        }
        if (request.text() == null) {
            return timer.record(() -> search.search(request.vector(), k, request.nprobe()));
        }
        // No index, no point in embedding: answer 503 at once.
        search.requireActive();
        float[] vector = embedder.embed(request.text(), authorization);
        return timer.record(() -> search.search(vector, k, request.nprobe()));
    }

    public record SearchRequest(float[] vector, String text, Integer k, Integer nprobe) {
    }
}
