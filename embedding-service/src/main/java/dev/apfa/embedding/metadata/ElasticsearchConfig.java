package dev.apfa.embedding.metadata;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The elasticsearch-java 8.19 typed client, built here because Spring Boot 4's Elasticsearch
 * auto-configuration targets the 9.x client (docs/architecture.md, decision 3).
 */
@Configuration(proxyBeanMethods = false)
class ElasticsearchConfig {

    @Bean(destroyMethod = "close")
    RestClient elasticsearchRestClient(@Value("${apfa.elasticsearch.url}") String url) {
        return RestClient.builder(HttpHost.create(url)).build();
    }

    @Bean
    ElasticsearchClient elasticsearchClient(RestClient restClient) {
        return new ElasticsearchClient(new RestClientTransport(restClient, new JacksonJsonpMapper()));
    }
}
