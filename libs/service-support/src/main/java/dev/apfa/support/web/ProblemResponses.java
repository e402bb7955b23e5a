package dev.apfa.support.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Problem details (RFC 9457) for code that runs outside Spring MVC (servlet filters, security entry
 * points), written by hand because no message converter is available there. Every value written is
 * either a constant or a sanitised request id, so no escaping beyond quotes is needed.
 */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    /** A problem for {@code status} carrying the request id. */
    public static ProblemDetail problem(HttpStatus status, String detail, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty(RequestIds.PROBLEM_PROPERTY, RequestIds.of(request));
        return problem;
    }

    public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        String id = RequestIds.of(request);
        response.setStatus(status.value());
        response.setHeader(RequestIds.HEADER, id);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String body = "{\"type\":\"about:blank\",\"title\":\"" + json(status.getReasonPhrase())
                + "\",\"status\":" + status.value()
                + ",\"detail\":\"" + json(detail)
                + "\",\"instance\":\"" + json(request.getRequestURI())
                + "\",\"request_id\":\"" + json(id) + "\"}";
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String json(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
