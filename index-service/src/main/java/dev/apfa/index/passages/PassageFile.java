package dev.apfa.index.passages;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * {@code docs.jsonl} of an index version: line i is the {@link Passage} of FAISS label i. Served
 * from disk with positional reads (only the line offsets live in memory), so a million passages
 * cost a few MB of heap; the file is unlinked right after opening, so nothing is left behind even
 * when the process dies, and the open channel keeps it readable until {@link #close}.
 */
public final class PassageFile implements AutoCloseable {

    public static final String NAME = "docs.jsonl";

    private final FileChannel channel;
    private final long[] offsets;
    private final JsonMapper json;

    private PassageFile(FileChannel channel, long[] offsets, JsonMapper json) {
        this.channel = channel;
        this.offsets = offsets;
        this.json = json;
    }

    public static void write(Path file, List<Passage> passages, JsonMapper json) {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Passage passage : passages) {
                // One JSON value per line: Jackson escapes newlines inside strings.
                out.write(json.writeValueAsString(passage));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Opens {@code file} (and unlinks it), checking that line i names {@code docIds.get(i)}.
     *
     * @throws IllegalStateException when the file does not line up with the ids
     */
    public static PassageFile open(Path file, List<String> docIds, JsonMapper json) {
        long[] offsets = new long[docIds.size() + 1];
        int line = 0;
        long position = 0;
        try (var in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            java.io.ByteArrayOutputStream current = new java.io.ByteArrayOutputStream(1024);
            for (int b = in.read(); b >= 0; b = in.read()) {
                position++;
                if (b != '\n') {
                    current.write(b);
                    continue;
                }
                if (line >= docIds.size()) {
                    throw new IllegalStateException(NAME + " has more lines than the index has vectors");
                }
                JsonNode node = json.readTree(current.toByteArray());
                String docId = node.path("doc_id").asString(null);
                if (!docIds.get(line).equals(docId)) {
                    throw new IllegalStateException(NAME + " line " + (line + 1) + " is '" + docId + "', ids.txt says '"
                            + docIds.get(line) + "'");
                }
                current.reset();
                offsets[++line] = position;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (line != docIds.size()) {
            throw new IllegalStateException(NAME + " has " + line + " lines for " + docIds.size() + " vectors");
        }
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a platform that cannot unlink an open file keeps it until the loader's clean-up
            }
            return new PassageFile(channel, offsets, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The passage of FAISS label {@code label}; safe for concurrent callers (positional reads). */
    public Passage get(int label) {
        long start = offsets[label];
        int length = (int) (offsets[label + 1] - start - 1);
        ByteBuffer buffer = ByteBuffer.allocate(length);
        try {
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, start + buffer.position()) < 0) {
                    throw new IllegalStateException(NAME + " ended early");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return json.readValue(buffer.array(), Passage.class);
    }

    public int size() {
        return offsets.length - 1;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a read-only channel loses nothing
        }
    }
}
