package dev.apfa.index.passages;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PassageFileTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private final List<Passage> passages = List.of(
            new Passage("a-1", "First", "Section A", "src/a", "Line one.\nLine two with \"quotes\" and é ü — …"),
            new Passage("b-2", "Second", null, "src/b", "x".repeat(3000)),
            new Passage("c-3", "Third", "Section C", null, ""));

    @Test
    void readsEachLabelBackAfterTheFileIsUnlinked() {
        Path file = dir.resolve(PassageFile.NAME);
        PassageFile.write(file, passages, json);
        try (PassageFile opened = PassageFile.open(file, List.of("a-1", "b-2", "c-3"), json)) {
            assertThat(file).doesNotExist();
            assertThat(opened.size()).isEqualTo(3);
            assertThat(opened.get(2)).isEqualTo(passages.get(2));
            assertThat(opened.get(0)).isEqualTo(passages.get(0));
            assertThat(opened.get(1)).isEqualTo(passages.get(1));
        }
    }

    @Test
    void refusesAFileThatDoesNotLineUpWithTheIds() {
        Path file = dir.resolve(PassageFile.NAME);
        PassageFile.write(file, passages, json);
        assertThatThrownBy(() -> PassageFile.open(file, List.of("a-1", "c-3", "b-2"), json))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("line 2");
        assertThatThrownBy(() -> PassageFile.open(file, List.of("a-1", "b-2"), json))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("more lines");
        assertThatThrownBy(() -> PassageFile.open(file, List.of("a-1", "b-2", "c-3", "d-4"), json))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("3 lines for 4");
    }

    @Test
    void excerptsKeepShortTextAndCutLongTextAtAWord() {
        assertThat(Excerpts.text("short")).isEqualTo("short");
        String longText = "word ".repeat(400);
        assertThat(Excerpts.text(longText)).hasSizeLessThanOrEqualTo(Excerpts.TEXT_LIMIT).endsWith("word…");
        assertThat(Excerpts.snippet("First sentence here. Second one.")).isEqualTo("First sentence here.");
        assertThat(Excerpts.snippet(longText)).hasSizeLessThanOrEqualTo(Excerpts.SNIPPET_LIMIT).endsWith("word…");
        assertThat(Excerpts.snippet(null)).isNull();
    }
}
