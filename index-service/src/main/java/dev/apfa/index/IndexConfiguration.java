package dev.apfa.index;

import dev.apfa.faiss.FaissIndex;
import dev.apfa.index.build.BuildService;
import dev.apfa.index.build.IndexBuilder;
import dev.apfa.index.events.IndexAudit;
import dev.apfa.index.events.IndexEvents;
import dev.apfa.index.passages.DeltaPassageSource;
import dev.apfa.index.passages.PassageSource;
import dev.apfa.index.query.EmbeddingSettings;
import dev.apfa.index.query.QueryEmbedder;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import dev.apfa.index.serving.ActivationService;
import dev.apfa.index.serving.ActiveIndex;
import dev.apfa.index.serving.IndexLoader;
import dev.apfa.index.serving.SearchService;
import dev.apfa.index.source.DeltaVectorSource;
import dev.apfa.index.source.VectorSource;
import dev.apfa.index.store.ArtifactStore;
import dev.apfa.index.store.FileSystemArtifactStore;
import dev.apfa.index.store.S3ArtifactStore;
import dev.apfa.index.store.S3Clients;
import dev.apfa.index.store.S3Settings;
import dev.apfa.lakehouse.Lakehouse;
import dev.apfa.messaging.AuditPublisher;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import dev.apfa.messaging.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import tools.jackson.databind.json.JsonMapper;

@Configuration
@EnableConfigurationProperties({IndexProperties.class, S3Settings.class, EmbeddingSettings.class})
public class IndexConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IndexConfiguration.class);

    /** S3 when a bucket is configured (deployment), else the data directory (local run). */
    @Bean
    ArtifactStore artifactStore(IndexProperties properties, S3Settings s3) {
        if (s3.enabled()) {
            return new S3ArtifactStore(S3Clients.create(s3), s3.bucket());
        }
        return new FileSystemArtifactStore(properties.artifactDir());
    }

    @Bean
    VectorSource vectorSource(@Value("${apfa.lakehouse.root}") String root,
                              @Value("${apfa.index.corpus-table}") String corpusTable) {
        return new DeltaVectorSource(Lakehouse.at(root), corpusTable);
    }

    /** The corpus behind the embeddings, in the same lakehouse. */
    @Bean
    PassageSource passageSource(@Value("${apfa.lakehouse.root}") String root) {
        return new DeltaPassageSource(Lakehouse.at(root));
    }

    @Bean
    QueryEmbedder queryEmbedder(EmbeddingSettings settings, MeterRegistry meters) {
        // Its state is exported as resilience4j_circuitbreaker_state{name="embedding-service"}.
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(QueryEmbedder.BREAKER);
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
        return new QueryEmbedder(settings, breakers.circuitBreaker("embedding-service"));
    }

    @Bean
    IndexEvents indexEvents(EventPublisher publisher, IndexProperties properties) {
        return new IndexEvents(publisher, properties);
    }

    @Bean
    IndexAudit indexAudit(AuditPublisher audit) {
        return new IndexAudit(audit);
    }

    @Bean(destroyMethod = "close")
    BuildService buildService(IndexProperties properties, VectorSource source, PassageSource passages,
                              ArtifactStore store, IndexEvents events, JsonMapper json) {
        return new BuildService(properties, source, passages, new IndexBuilder(properties), store, events, json);
    }

    @Bean(destroyMethod = "clear")
    ActiveIndex activeIndex(MeterRegistry meters, IndexProperties properties) {
        // Loads the native FAISS library now: a machine without it fails at start-up, not at the first search.
        log.info("FAISS loaded, {} OpenMP threads for batch searches", FaissIndex.defaultThreads());
        ActiveIndex active = new ActiveIndex();
        Gauge.builder("apfa.index.recall_at_10", active, ActiveIndex::recallAt10).tag("index", properties.name())
                .description("recall@10 of the active version, measured at its build").register(meters);
        Gauge.builder("apfa.index.active_version", active, a -> a.version().map(Integer::doubleValue).orElse(Double.NaN))
                .tag("index", properties.name()).description("The active index version").register(meters);
        return active;
    }

    @Bean
    IndexLoader indexLoader(ArtifactStore store, JsonMapper json, IndexProperties properties) {
        return new IndexLoader(store, json, properties.cacheDir());
    }

    @Bean
    ActivationService activationService(IndexProperties properties, ArtifactStore store, IndexLoader loader,
                                        ActiveIndex active, IndexEvents events) {
        return new ActivationService(properties, store, loader, active, events);
    }

    @Bean
    SearchService searchService(ActiveIndex active) {
        return new SearchService(active);
    }

    @EventListener(ApplicationReadyEvent.class)
    void loadActiveVersion(ApplicationReadyEvent ready) {
        ready.getApplicationContext().getBean(ActivationService.class).loadRecorded();
    }
}
