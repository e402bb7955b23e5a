package dev.apfa.lakehouse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The shipped corpus ({@code knowledge/} at the repository top, on the classpath under
 * {@code knowledge/}): files listed in {@code index.txt}, each a section of passages. The format
 * is described in knowledge/README.md.
 */
public final class KnowledgeCorpus {

    private static final String ROOT = "knowledge/";

    private KnowledgeCorpus() {
    }

    /** Every passage of the shipped corpus, in file order. */
    public static List<Document> load() {
        List<Document> documents = new ArrayList<>();
        for (String file : lines(ROOT + "index.txt")) {
            if (!file.isBlank() && !file.startsWith("#")) {
                documents.addAll(parse(lines(ROOT + file.strip())));
            }
        }
        return documents;
    }

    static List<Document> parse(List<String> lines) {
        List<Document> documents = new ArrayList<>();
        String section = null;
        String source = null;
        String id = null;
        String title = null;
        StringBuilder text = new StringBuilder();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("# section:")) {
                section = line.substring("# section:".length()).strip();
            } else if (line.startsWith("# source:")) {
                source = line.substring("# source:".length()).strip();
            } else if (line.startsWith("@ ")) {
                add(documents, id, title, section, source, text);
                int bar = line.indexOf('|');
                if (bar < 0) {
                    throw new IllegalArgumentException("passage header without '|': " + line);
                }
                id = line.substring(2, bar).strip();
                title = line.substring(bar + 1).strip();
                text.setLength(0);
            } else if (line.isEmpty()) {
                add(documents, id, title, section, source, text);
                id = null;
            } else if (id != null) {
                text.append(text.isEmpty() ? "" : " ").append(line);
            }
        }
        add(documents, id, title, section, source, text);
        return documents;
    }

    private static void add(List<Document> documents, String id, String title, String section, String source, StringBuilder text) {
        if (id != null) {
            documents.add(new Document(id, title, section, source, text.toString()));
            text.setLength(0);
        }
    }

    private static List<String> lines(String resource) {
        InputStream in = KnowledgeCorpus.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("corpus resource missing: " + resource);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
