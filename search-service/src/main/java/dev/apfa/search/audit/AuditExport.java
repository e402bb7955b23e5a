package dev.apfa.search.audit;

import dev.apfa.search.query.PageToken;
import dev.apfa.search.query.SearchSpec;
import dev.apfa.search.query.Searcher;
import dev.apfa.search.web.Problems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Streams a whole audit search as NDJSON (one ECS document a line) or CSV, walking it with
 * {@code search_after} so memory stays flat; capped at {@code max-rows}. CSV cells that a
 * spreadsheet would run as a formula are prefixed with a quote (CSV injection).
 */
@Component
class AuditExport {

    static final List<String> COLUMNS = List.of("@timestamp", "event.id", "event.action", "apfa.outcome", "user.id",
            "user.name", "source.ip", "service.name", "resource.type", "resource.id", "http.request.id", "trace.id", "message");

    enum Format {
        JSON("json", MediaType.APPLICATION_JSON), NDJSON("ndjson", MediaType.parseMediaType("application/x-ndjson")),
        CSV("csv", MediaType.parseMediaType("text/csv;charset=UTF-8"));

        private final String extension;
        private final MediaType mediaType;

        Format(String extension, MediaType mediaType) {
            this.extension = extension;
            this.mediaType = mediaType;
        }

        static Format of(String value) {
            for (Format format : values()) {
                if (format.extension.equals(value == null ? "" : value.toLowerCase(Locale.ROOT))) {
                    return format;
                }
            }
            throw Problems.badRequest("format must be json, ndjson or csv");
        }

        String extension() {
            return extension;
        }

        MediaType mediaType() {
            return mediaType;
        }
    }

    private final Searcher searcher;
    private final JsonMapper json;
    private final int maxRows;

    AuditExport(Searcher searcher, JsonMapper json, @Value("${apfa.search.export.max-rows:100000}") int maxRows) {
        this.searcher = searcher;
        this.json = json;
        this.maxRows = maxRows;
    }

    void json(Searcher.Page page, OutputStream out) throws IOException {
        json.writeValue(out, page);
    }

    void write(SearchSpec first, Format format, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        if (format == Format.CSV) {
            writer.write(String.join(",", COLUMNS) + "\r\n");
        }
        SearchSpec spec = first;
        int rows = 0;
        while (rows < maxRows) {
            Searcher.Page page = searcher.search(spec);
            for (Map<String, Object> hit : page.hits()) {
                if (rows++ >= maxRows) {
                    break;
                }
                writer.write(format == Format.CSV ? csvRow(hit) : json.writeValueAsString(hit) + "\n");
            }
            if (page.nextSearchAfter() == null) {
                break;
            }
            spec = spec.after(PageToken.decode(page.nextSearchAfter(), 2));
        }
        writer.flush();
    }

    private static String csvRow(Map<String, Object> doc) {
        StringBuilder row = new StringBuilder();
        for (String column : COLUMNS) {
            if (!row.isEmpty()) {
                row.append(',');
            }
            row.append(cell(value(doc, column)));
        }
        return row.append("\r\n").toString();
    }

    @SuppressWarnings("unchecked")
    static Object value(Map<String, Object> doc, String path) {
        if (doc.containsKey(path)) {
            return doc.get(path);
        }
        Object value = doc;
        for (String key : path.split("\\.")) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = ((Map<String, Object>) map).get(key);
        }
        return value;
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof List<?> list ? String.join(";", list.stream().map(String::valueOf).toList()) : value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
