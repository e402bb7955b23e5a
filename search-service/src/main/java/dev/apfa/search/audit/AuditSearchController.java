package dev.apfa.search.audit;

import dev.apfa.search.caller.Caller;
import dev.apfa.search.caller.Callers;
import dev.apfa.search.query.Searcher;
import jakarta.servlet.http.HttpServletRequest;
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
 * other caller only their own, whatever the parameters say.
 */
@RestController
class AuditSearchController {

    private final Callers callers;
    private final AuditSearch search;
    private final AuditExport export;

    AuditSearchController(Callers callers, AuditSearch search, AuditExport export) {
        this.callers = callers;
        this.search = search;
        this.export = export;
    }

    @GetMapping(value = "/api/search/audit", produces = MediaType.APPLICATION_JSON_VALUE)
    Searcher.Page search(@ModelAttribute AuditQuery query, HttpServletRequest request) {
        Caller caller = callers.require(request);
        return search.page(query, caller);
    }

    @GetMapping(value = "/api/search/audit", params = "format")
    ResponseEntity<StreamingResponseBody> export(@ModelAttribute AuditQuery query, HttpServletRequest request) {
        Caller caller = callers.require(request);
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
