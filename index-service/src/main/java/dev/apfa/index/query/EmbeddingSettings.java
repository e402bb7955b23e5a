package dev.apfa.index.query;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;

/**
 * Where text queries are embedded ({@code apfa.index.embedding.*}): embedding-service's
 * {@code POST /internal/embed}, with a bounded connect and overall time per call.
 */
@ConfigurationProperties("apfa.index.embedding")
public record EmbeddingSettings(URI url, Duration connectTimeout, Duration timeout) {
}
