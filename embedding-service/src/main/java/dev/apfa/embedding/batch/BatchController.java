package dev.apfa.embedding.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.apfa.contracts.task.v1.BatchCompleted;
import dev.apfa.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code /api/admin/batches}: start an embedding batch (202) and follow it. Admin and up, checked here
 * too (libs/security) so that a call past the gateway is refused as well.
 */
@RestController
@RequestMapping("/api/admin/batches")
@PreAuthorize("hasRole('ADMIN')")
class BatchController {

    private final BatchService service;
    private final BatchRepository batches;

    BatchController(BatchService service, BatchRepository batches) {
        this.service = service;
        this.batches = batches;
    }

    record StartBatch(@NotBlank @Size(max = 128) String sourceTable, @PositiveOrZero Long version) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record BatchView(UUID batchId, String status, String sourceTable, long sourceVersion, String model, long total,
                     long processed, long skipped, long failed, Integer workItems, String embeddingsTable,
                     Long embeddingsVersion, String error, String createdBy, Instant createdAt, Instant startedAt,
                     Instant completedAt, List<BatchCompleted.DocumentError> errors) {

        static BatchView of(Batch b, List<BatchCompleted.DocumentError> errors) {
            return new BatchView(b.id(), b.status(), b.sourceTable(), b.sourceVersion(), b.model(), b.total(), b.processed(),
                    b.skipped(), b.failed(), b.workItems(), b.outputVersion() == null ? null : "embeddings",
                    b.outputVersion(), b.error(), b.createdBy(), b.createdAt(), b.startedAt(), b.completedAt(), errors);
        }
    }

    @PostMapping
    ResponseEntity<BatchView> start(@Valid @RequestBody StartBatch request, CurrentUser me, HttpServletRequest http) {
        // created_by is the user id, not the name: stable across renames and what the audit event's actor carries.
        Batch batch = service.start(request.sourceTable(), request.version(), BatchAudit.Origin.of(me, http));
        return ResponseEntity.accepted().location(URI.create("/api/admin/batches/" + batch.id())).body(BatchView.of(batch, null));
    }

    @GetMapping
    List<BatchView> list(@RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        return batches.recent(limit).stream().map(b -> BatchView.of(b, null)).toList();
    }

    @GetMapping("/{id}")
    BatchView get(@PathVariable UUID id) {
        Batch batch = batches.find(id).orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND,
                ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No batch " + id + "."), null));
        return BatchView.of(batch, batches.errors(id, BatchCompleted.MAX_ERRORS));
    }
}
