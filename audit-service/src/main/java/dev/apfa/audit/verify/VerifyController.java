package dev.apfa.audit.verify;

import dev.apfa.audit.caller.Caller;
import dev.apfa.audit.caller.CallerResolver;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/audit/verify[?chain=N]} (super_admin): the state of the audit hash chains. */
@RestController
class VerifyController {

    static final String SUPER_ADMIN = "super_admin";

    private final ChainVerifier verifier;
    private final CallerResolver callers;

    VerifyController(ChainVerifier verifier, CallerResolver callers) {
        this.verifier = verifier;
        this.callers = callers;
    }

    @GetMapping("/api/audit/verify")
    ChainVerifier.Report verify(@RequestParam(required = false) Integer chain, HttpServletRequest request) {
        Caller caller = callers.resolve(request).orElseThrow(() -> problem(HttpStatus.UNAUTHORIZED, "sign in first"));
        if (!caller.hasRole(SUPER_ADMIN)) {
            throw problem(HttpStatus.FORBIDDEN, "verifying the audit trail needs the super_admin role");
        }
        return verifier.verify(chain);
    }

    private static ErrorResponseException problem(HttpStatus status, String detail) {
        return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }
}
