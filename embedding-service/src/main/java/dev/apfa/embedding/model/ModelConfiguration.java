package dev.apfa.embedding.model;

import dev.apfa.embedding.EmbeddingProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One ONNX session for the whole service: batch workers and query threads share it (it is thread-safe). */
@Configuration(proxyBeanMethods = false)
class ModelConfiguration {

    /** A few sentences through the model before the service reports ready (readiness waits for beans). */
    private static final String[] WARM_UP = {
            "What is the monthly payment on a 30-year fixed mortgage?",
            "How do closing costs and points change the cost of a refinance?"};

    @Bean
    OnnxEmbedder onnxEmbedder(EmbeddingProperties properties) {
        OnnxEmbedder embedder = new OnnxEmbedder(properties.intraOpThreads());
        // Warm the ONNX session and the JIT so the first query does not pay for them.
        for (int i = 0; i < 10; i++) {
            embedder.embed(WARM_UP[i % WARM_UP.length]);
        }
        return embedder;
    }
}
