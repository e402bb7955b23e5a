package dev.apfa.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import org.apache.http.HttpHeaders;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The elasticsearch-java 8.19 typed client for every service with {@code apfa.elasticsearch.url}, built here
 * because Spring Boot 4's Elasticsearch auto-configuration targets the 9.x client (docs/architecture.md,
 * decision 3). With {@code apfa.elasticsearch.username}/{@code password} (APFA_ES_USERNAME/APFA_ES_PASSWORD,
 * e.g. ECK's generated user) every request carries basic auth; locally security is off and both are empty.
 */
@AutoConfiguration
@ConditionalOnProperty("apfa.elasticsearch.url")
public class ElasticsearchClientAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    RestClient elasticsearchRestClient(@Value("${apfa.elasticsearch.url}") String url,
                                       @Value("${apfa.elasticsearch.username:}") String username,
                                       @Value("${apfa.elasticsearch.password:}") String password) {
        RestClientBuilder builder = RestClient.builder(HttpHost.create(url));
        if (!username.isBlank()) {
            String credentials = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
            builder.setDefaultHeaders(new BasicHeader[] {new BasicHeader(HttpHeaders.AUTHORIZATION, "Basic " + credentials)});
        }
        return builder.build();
    }

    @Bean
    @ConditionalOnMissingBean
    ElasticsearchClient elasticsearchClient(RestClient restClient) {
        return new ElasticsearchClient(new RestClientTransport(restClient, new JacksonJsonpMapper()));
    }
}
