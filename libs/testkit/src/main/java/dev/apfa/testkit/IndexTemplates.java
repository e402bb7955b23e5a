package dev.apfa.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Elasticsearch index templates shipped on the classpath, PUT idempotently.
 *
 * <p>A module that owns templates ships {@code elasticsearch/index-templates/<name>.json} (the
 * body of {@code PUT _index_template/<name>}) and lists {@code <name>} on a line of
 * {@code elasticsearch/index-templates/index.txt} ({@code #} starts a comment). Every index.txt on
 * the classpath counts, and each names files next to itself, so several jars can contribute
 * without a classpath scanner.
 */
final class IndexTemplates {

    static final String INDEX = "elasticsearch/index-templates/index.txt";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    record Template(String name, String body, URL source) {
    }

    private IndexTemplates() {
    }

    static List<Template> discover(ClassLoader loader) {
        List<Template> templates = new ArrayList<>();
        try {
            for (URL index : Collections.list(loader.getResources(INDEX))) {
                for (String name : names(read(index))) {
                    URL body = new URL(index, name + ".json");
                    templates.add(new Template(name, read(body), body));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the index templates listed in " + INDEX, e);
        }
        return templates;
    }

    /** The template names of one index.txt: one per line, blank lines and # comments ignored. */
    static List<String> names(String indexText) {
        List<String> names = new ArrayList<>();
        for (String line : indexText.split("\\R")) {
            String name = line.replaceFirst("#.*", "").strip();
            if (name.isEmpty()) {
                continue;
            }
            if (!NAME.matcher(name).matches()) {
                throw new InfraException("'" + name + "' in " + INDEX + " is not a valid index template name");
            }
            names.add(name);
        }
        return names;
    }

    static void apply(EsHttp http, List<Template> templates) {
        for (Template template : templates) {
            try {
                EsHttp.Response response = http.put("/_index_template/" + template.name(), template.body());
                if (!response.ok()) {
                    throw new InfraException("Elasticsearch rejected index template " + template.name() + " from "
                            + template.source() + " (HTTP " + response.status() + "): " + response.body());
                }
            } catch (IOException e) {
                throw new InfraException("cannot PUT index template " + template.name() + ": " + e.getMessage(), e);
            }
        }
    }

    private static String read(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
