package dev.apfa.audit.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.UUID;

/**
 * Every error of this service is RFC 9457 problem JSON carrying {@code request_id} (the gateway's
 * {@code X-Request-Id}, or a fresh one when called directly), so a report can be matched to logs.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    static final String REQUEST_ID = "X-Request-Id";

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            problem.setProperty("request_id", requestId(request));
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    static String requestId(WebRequest request) {
        HttpServletRequest http = request instanceof NativeWebRequest nativeRequest
                ? nativeRequest.getNativeRequest(HttpServletRequest.class) : null;
        String id = http == null ? null : http.getHeader(REQUEST_ID);
        return id == null || id.isBlank() || id.length() > 128 ? UUID.randomUUID().toString() : id;
    }
}
