package dev.apfa.search.caller;

import dev.apfa.search.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** The caller of the current request, or a 401/403 problem. */
@Component
public class Callers {

    private final CallerResolver resolver;

    Callers(CallerResolver resolver) {
        this.resolver = resolver;
    }

    public Caller require(HttpServletRequest request) {
        return resolver.resolve(request).orElseThrow(() -> Problems.of(HttpStatus.UNAUTHORIZED, "sign in first"));
    }

    public Caller requireAdmin(HttpServletRequest request) {
        Caller caller = require(request);
        if (!caller.isAdmin()) {
            throw Problems.of(HttpStatus.FORBIDDEN, "this search needs the admin role");
        }
        return caller;
    }
}
