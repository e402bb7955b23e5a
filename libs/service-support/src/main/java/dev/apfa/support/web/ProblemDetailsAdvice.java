package dev.apfa.support.web;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every error of a servlet service as {@code application/problem+json} with the request id.
 * Spring MVC's own exceptions keep their 4xx status (via {@link ResponseEntityExceptionHandler});
 * body problems say which field is wrong but never echo the body; anything unexpected becomes a
 * generic 500 whose cause is only in the log (never a message or stack trace in the response).
 * Lowest precedence, so a service's own advice for its exceptions wins.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);
    private static final int MAX_FIELD_NAME = 64;

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
        log.error("Unhandled error on {}", describe(request), ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The request could not be completed. Quote the request id when reporting this.");
        return createResponseEntity(problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (causedBy(ex, BodySizeLimitFilter.PayloadTooLargeException.class)) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                    "The request body is too large.");
            return createResponseEntity(problem, headers, HttpStatus.CONTENT_TOO_LARGE, request);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, bodyProblem(ex));
        return createResponseEntity(problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Some fields are invalid.");
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", clip(error.getField()),
                        "message", error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage()))
                .collect(Collectors.toList());
        problem.setProperty("errors", errors);
        return createResponseEntity(problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** Every problem this advice answers with gets the request id and the problem+json media type. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
                                                          WebRequest request) {
        HttpHeaders out = new HttpHeaders();
        out.addAll(headers);
        if (body instanceof ProblemDetail problem) {
            HttpServletRequest servlet = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
            if (servlet != null) {
                problem.setProperty(RequestIds.PROBLEM_PROPERTY, RequestIds.of(servlet));
                if (problem.getInstance() == null) {
                    problem.setInstance(java.net.URI.create(safePath(servlet.getRequestURI())));
                }
            }
            out.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        return new ResponseEntity<>(body, out, statusCode);
    }

    /** Says what is wrong with a body without echoing any of it. */
    static String bodyProblem(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return "Unknown field '" + clip(unknown.getPropertyName()) + "'.";
        }
        if (cause instanceof InvalidFormatException || cause instanceof MismatchedInputException) {
            String path = path((JacksonException) cause);
            return path.isEmpty() ? "The body does not have the expected shape." : "Field '" + path + "' has the wrong type or format.";
        }
        if (cause instanceof JacksonException) {
            return "The body is not valid JSON.";
        }
        return "The request body is missing or unreadable.";
    }

    private static String path(JacksonException ex) {
        return clip(ex.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : String.valueOf(ref.getIndex()))
                .collect(Collectors.joining(".")));
    }

    private static String clip(String value) {
        if (value == null) {
            return "";
        }
        String safe = value.replaceAll("[^A-Za-z0-9_.\\[\\]-]", "?");
        return safe.length() > MAX_FIELD_NAME ? safe.substring(0, MAX_FIELD_NAME) + "…" : safe;
    }

    private static String safePath(String uri) {
        return uri == null ? "/" : uri.replaceAll("[^A-Za-z0-9/._~-]", "_");
    }

    private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(WebRequest request) {
        HttpServletRequest servlet = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
        return servlet == null ? "?" : servlet.getMethod() + " " + servlet.getRequestURI();
    }
}
