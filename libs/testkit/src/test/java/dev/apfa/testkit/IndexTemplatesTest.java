package dev.apfa.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexTemplatesTest {

    @TempDir
    Path tmp;

    @Test
    void readsTemplatesListedByEveryIndexOnTheClasspath() throws IOException {
        Path first = module("first", "# audit trail\naudit-logs\n\n", "audit-logs", "{\"index_patterns\":[\"audit-logs-*\"]}");
        Path second = module("second", "tasks  # one index\n", "tasks", "{\"index_patterns\":[\"tasks\"]}");

        try (URLClassLoader loader = new URLClassLoader(new URL[] {first.toUri().toURL(), second.toUri().toURL()}, null)) {
            assertThat(IndexTemplates.discover(loader))
                    .extracting(IndexTemplates.Template::name, IndexTemplates.Template::body)
                    .containsExactly(
                            tuple("audit-logs", "{\"index_patterns\":[\"audit-logs-*\"]}"),
                            tuple("tasks", "{\"index_patterns\":[\"tasks\"]}"));
        }
    }

    @Test
    void noIndexMeansNoTemplates() throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {tmp.toUri().toURL()}, null)) {
            assertThat(IndexTemplates.discover(loader)).isEmpty();
        }
    }

    @Test
    void namesThatCouldEscapeTheUrlPathAreRejected() {
        assertThatThrownBy(() -> IndexTemplates.names("../secrets")).hasMessageContaining("not a valid");
    }

    private Path module(String name, String index, String template, String body) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name).resolve("elasticsearch/index-templates"));
        Files.writeString(dir.resolve("index.txt"), index);
        Files.writeString(dir.resolve(template + ".json"), body);
        return tmp.resolve(name);
    }
}
