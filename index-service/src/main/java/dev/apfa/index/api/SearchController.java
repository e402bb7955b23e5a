package dev.apfa.index.api;

import dev.apfa.index.serving.SearchService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /internal/search}: called by advice-service with the query's embedding. Any valid token
 * (libs/security's default rule): advice-service forwards its caller's token.
 */
@RestController
public class SearchController {

    static final int DEFAULT_K = 10;
    static final int MAX_K = 100;

    private final SearchService search;
    private final Timer timer;

    public SearchController(SearchService search, MeterRegistry meters) {
        this.search = search;
        // Histogram buckets so that p99 search latency can be read from Prometheus.
        this.timer = Timer.builder("apfa.index.search").description("ANN searches on the active index")
                .publishPercentileHistogram().register(meters);
    }

    @PostMapping("/internal/search")
    public SearchService.Hits search(@RequestBody SearchRequest request) {
        if (request.text() != null && request.vector() != null) {
            throw new BadRequestException("send either vector or text, not both");
        }
        if (request.text() != null) {
            // Needs embedding-service's query embedding endpoint, which is not there yet.
            throw new BadRequestException("text queries are not supported yet; send the query's vector");
        }
        if (request.vector() == null || request.vector().length == 0) {
            throw new BadRequestException("vector is required");
        }
        int k = request.k() == null ? DEFAULT_K : request.k();
        if (k < 1 || k > MAX_K) {
            throw new BadRequestException("k must be in 1.." + MAX_K);
        }
        if (request.nprobe() != null && (request.nprobe() < 1 || request.nprobe() > 65_536)) {
            throw new BadRequestException("nprobe must be in 1..65536");
        }
        return timer.record(() -> search.search(request.vector(), k, request.nprobe()));
    }

    public record SearchRequest(float[] vector, String text, Integer k, Integer nprobe) {
    }
}
