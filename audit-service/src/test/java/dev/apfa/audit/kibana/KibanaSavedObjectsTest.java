package dev.apfa.audit.kibana;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every field the Kibana saved objects of {@code deploy/kibana/} reference (time field, columns,
 * sort, KQL query fields) exists in the {@code audit-logs} template mapping this service creates,
 * so renaming a field cannot silently empty a dashboard.
 */
class KibanaSavedObjectsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path SAVED_OBJECTS = Path.of("..", "deploy", "kibana", "saved-objects.ndjson");
    private static final Pattern KQL_FIELD = Pattern.compile("([A-Za-z@_][A-Za-z0-9@_.]*)\\s*:");

    @Test
    void everyReferencedFieldIsMapped() throws Exception {
        Set<String> mapped = mappedFields();
        Set<String> referenced = referencedFields();
        assertThat(referenced).contains("@timestamp", "event.action", "user.name", "source.ip", "user.roles");
        assertThat(mapped).containsAll(referenced);
    }

    @Test
    void savedSearchesAndDashboardPointAtObjectsThatExist() throws Exception {
        Set<String> ids = new HashSet<>();
        List<JsonNode> objects = objects();
        objects.forEach(o -> ids.add(o.path("type").asString() + ":" + o.path("id").asString()));
        for (JsonNode object : objects) {
            for (JsonNode reference : object.path("references")) {
                assertThat(ids).contains(reference.path("type").asString() + ":" + reference.path("id").asString());
            }
        }
        assertThat(ids).contains("index-pattern:apfa-audit-logs", "search:apfa-failed-logins", "search:apfa-admin-actions",
                "dashboard:apfa-audit-trail");
    }

    private static Set<String> referencedFields() throws Exception {
        Set<String> fields = new TreeSet<>();
        for (JsonNode object : objects()) {
            JsonNode attributes = object.path("attributes");
            switch (object.path("type").asString()) {
                case "index-pattern" -> {
                    assertThat(attributes.path("title").asString()).isEqualTo("audit-logs-*");
                    fields.add(attributes.path("timeFieldName").asString());
                }
                case "search" -> {
                    attributes.path("columns").forEach(c -> fields.add(c.asString()));
                    attributes.path("sort").forEach(s -> fields.add(s.get(0).asString()));
                    JsonNode source = JSON.readTree(attributes.path("kibanaSavedObjectMeta").path("searchSourceJSON").asString());
                    Matcher matcher = KQL_FIELD.matcher(source.path("query").path("query").asString());
                    while (matcher.find()) {
                        fields.add(matcher.group(1));
                    }
                }
                default -> {
                }
            }
        }
        return fields;
    }

    private static List<JsonNode> objects() throws Exception {
        List<JsonNode> objects = new ArrayList<>();
        for (String line : Files.readAllLines(SAVED_OBJECTS, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                objects.add(JSON.readTree(line));
            }
        }
        return objects;
    }

    private static Set<String> mappedFields() throws Exception {
        JsonNode template = JSON.readTree(new ClassPathResource("elasticsearch/index-templates/apfa-audit-logs.json")
                .getContentAsString(StandardCharsets.UTF_8));
        Set<String> fields = new HashSet<>();
        collect("", template.path("template").path("mappings").path("properties"), fields);
        return fields;
    }

    private static void collect(String prefix, JsonNode properties, Set<String> fields) {
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            String name = prefix + property.getKey();
            if (property.getValue().has("properties")) {
                collect(name + ".", property.getValue().path("properties"), fields);
            } else {
                fields.add(name);
            }
        }
    }
}
