package dev.apfa.index.api;

import dev.apfa.faiss.FaissException;
import dev.apfa.index.query.EmbeddingUnavailableException;
import dev.apfa.index.serving.CorruptArtifactException;
import dev.apfa.index.serving.NoActiveIndexException;
import dev.apfa.index.serving.VersionNotFoundException;
import dev.apfa.index.store.ArtifactNotFoundException;
import dev.apfa.support.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * index-service's own exceptions as problem+json with the request id. Everything else (malformed
 * bodies, wrong path types, unexpected errors) is service-support's {@code ProblemDetailsAdvice}.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler({IllegalArgumentException.class, BadRequestException.class})
    ResponseEntity<ProblemDetail> badRequest(RuntimeException e, HttpServletRequest request) {
        return problem(HttpStatus.BAD_REQUEST, e.getMessage(), request);
    }

    @ExceptionHandler({VersionNotFoundException.class, ArtifactNotFoundException.class, NotFoundException.class})
    ResponseEntity<ProblemDetail> notFound(RuntimeException e, HttpServletRequest request) {
        return problem(HttpStatus.NOT_FOUND, e.getMessage(), request);
    }

    @ExceptionHandler({CorruptArtifactException.class, FaissException.class})
    ResponseEntity<ProblemDetail> refused(RuntimeException e, HttpServletRequest request) {
        log.warn("refused an index version: {}", e.getMessage());
        return problem(HttpStatus.CONFLICT,
                "the artifact failed verification; the active version is unchanged (" + e.getMessage() + ")", request);
    }

    @ExceptionHandler(NoActiveIndexException.class)
    ResponseEntity<ProblemDetail> noActive(NoActiveIndexException e, HttpServletRequest request) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage(), request);
    }

    @ExceptionHandler(EmbeddingUnavailableException.class)
    ResponseEntity<ProblemDetail> embeddingUnavailable(EmbeddingUnavailableException e, HttpServletRequest request) {
        log.warn("text query not embedded: {}", e.getCause() == null ? e.getMessage() : e.getCause().toString());
        return problem(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage(), request);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail, HttpServletRequest request) {
        ProblemDetail problem = ProblemResponses.problem(status, detail, request);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
