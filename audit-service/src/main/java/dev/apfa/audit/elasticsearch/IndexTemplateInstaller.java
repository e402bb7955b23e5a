package dev.apfa.audit.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * PUTs this service's index templates (classpath {@code elasticsearch/index-templates/}, the same
 * files the test kit installs) before any listener starts, so the first monthly index is created
 * with the ECS mapping and the {@code audit-logs} alias. A PUT of the same body is idempotent.
 */
@Component
class IndexTemplateInstaller implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(IndexTemplateInstaller.class);
    static final String FOLDER = "elasticsearch/index-templates/";
    static final List<String> TEMPLATES = List.of("apfa-audit-logs", "apfa-tasks", "apfa-metrics");

    private final ElasticsearchClient client;

    IndexTemplateInstaller(ElasticsearchClient client) {
        this.client = client;
    }

    @Override
    public void afterPropertiesSet() throws IOException {
        for (String name : TEMPLATES) {
            String body = read(FOLDER + name + ".json");
            client.indices().putIndexTemplate(t -> t.name(name).withJson(new StringReader(body)));
            log.info("index template {} in place", name);
        }
    }

    static String read(String path) throws IOException {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
