package dev.apfa.embedding.knowledge;

import dev.apfa.lakehouse.KnowledgeBaseSeeder;
import dev.apfa.lakehouse.Lakehouse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;

/**
 * The Delta tables of this service, and the first-start load of the shipped corpus into
 * {@code knowledge_base} (idempotent across restarts and instances, see {@link KnowledgeBaseSeeder}).
 */
@Configuration(proxyBeanMethods = false)
class LakehouseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LakehouseConfiguration.class);

    @Bean
    Lakehouse lakehouse(@Value("${apfa.lakehouse.root}") String root,
                        @Value("${APFA_S3_ENDPOINT:}") String s3Endpoint) {
        Map<String, String> hadoop = s3Endpoint.isBlank() ? Map.of()
                : Map.of("fs.s3a.endpoint", s3Endpoint, "fs.s3a.path.style.access", "true");
        return Lakehouse.at(root, hadoop);
    }

    @Bean
    @ConditionalOnProperty(name = "apfa.lakehouse.seed-knowledge-base", havingValue = "true", matchIfMissing = true)
    ApplicationRunner seedKnowledgeBase(Lakehouse lakehouse) {
        return args -> {
            long version = KnowledgeBaseSeeder.seedIfEmpty(lakehouse);
            log.info("knowledge_base ready at {} (seed version {})", lakehouse.root(), version);
        };
    }
}
