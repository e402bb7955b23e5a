package dev.apfa.search.audit;

import dev.apfa.search.query.Searcher;
import dev.apfa.security.CurrentUser;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code GET /api/search/audit}: the audit trail, a page at a time with aggregations, or the whole
 * result as NDJSON/CSV ({@code format=ndjson|csv}) for compliance. Admins and up see every event; any
 * other caller only their own, whatever the parameters say. Any valid token may call it (libs/security
 * refuses the rest); the caller is the token's {@link CurrentUser}.
 */
@RestController
class AuditSearchController {

    private final AuditSearch search;
    private final AuditExport export;

    AuditSearchController(AuditSearch search, AuditExport export) {
        this.search = search;
        this.export = export;
    }

    @GetMapping(value = "/api/search/audit", produces = MediaType.APPLICATION_JSON_VALUE)
    Searcher.Page search(@ModelAttribute AuditQuery query, CurrentUser caller) {
        return search.page(query, caller);
    }

    @GetMapping(value = "/api/search/audit", params = "format")
    ResponseEntity<StreamingResponseBody> export(@ModelAttribute AuditQuery query, CurrentUser caller) {
        AuditExport.Format format = AuditExport.Format.of(query.format());
        if (format == AuditExport.Format.JSON) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                    .body(out -> export.json(search.page(query, caller), out));
        }
        var spec = search.exportSpec(query, caller);
        return ResponseEntity.ok()
                .contentType(format.mediaType())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-export." + format.extension() + "\"")
                .body(out -> export.write(spec, format, out));
    }
}
