package dev.apfa.advice.bias;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Answers quote the knowledge base (the local generator prints extracts, Bedrock is asked to cite), so no passage
 * of the shipped corpus may look like an attribute used as a reason: a false flag would make the flow
 * regenerate or withhold a sound answer. Reads the repository's {@code knowledge/} files (format in its README).
 */
class CorpusAnswerScanTest {

    private static final Path KNOWLEDGE = Path.of("..", "knowledge");

    static Map<String, String> passages() throws IOException {
        Map<String, String> passages = new LinkedHashMap<>();
        for (String file : Files.readAllLines(KNOWLEDGE.resolve("index.txt"), StandardCharsets.UTF_8)) {
            if (file.isBlank()) {
                continue;
            }
            String id = null;
            List<String> text = new ArrayList<>();
            for (String line : Files.readAllLines(KNOWLEDGE.resolve(file.trim()), StandardCharsets.UTF_8)) {
                if (line.startsWith("@")) {
                    put(passages, id, text);
                    id = line.substring(1).split("\\|")[0].trim();
                    text = new ArrayList<>();
                } else if (line.isBlank()) {
                    put(passages, id, text);
                    id = null;
                    text = new ArrayList<>();
                } else if (id != null && !line.startsWith("#")) {
                    text.add(line.trim());
                }
            }
            put(passages, id, text);
        }
        return passages;
    }

    private static void put(Map<String, String> passages, String id, List<String> text) {
        if (id != null && !text.isEmpty()) {
            passages.put(id, String.join(" ", text));
        }
    }

    @Test
    void noPassageOfTheCorpusIsFlaggedAsAReason() throws IOException {
        Map<String, String> passages = passages();
        assertThat(passages).hasSizeGreaterThanOrEqualTo(300);
        // the corpus does talk about protected attributes (fair-lending law, VA programs, divorce, retirees)
        assertThat(passages.values().stream().filter(t -> !Lexicon.find(t).isEmpty()).count())
                .isGreaterThanOrEqualTo(10);
        Map<String, List<AnswerScanner.Finding>> flagged = new LinkedHashMap<>();
        passages.forEach((id, text) -> {
            List<AnswerScanner.Finding> findings = AnswerScanner.scan(text);
            if (!findings.isEmpty()) {
                flagged.put(id, findings);
            }
        });
        assertThat(flagged).isEmpty();
    }
}
