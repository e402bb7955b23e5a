package dev.apfa.advice.flow;

import dev.apfa.advice.events.RequestMetrics;
import dev.apfa.security.CurrentUser;
import dev.apfa.support.web.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/advice}: role user and above. Validation failures are 400s from service-support's handler. */
@RestController
@PreAuthorize("hasRole('USER')")
class AdviceController {

    private final AdviceFlow flow;

    AdviceController(AdviceFlow flow) {
        this.flow = flow;
    }

    @PostMapping("/api/advice")
    AdviceResponse advise(@Valid @RequestBody AdviceRequest request, CurrentUser me, @AuthenticationPrincipal Jwt jwt,
                          HttpServletRequest http) {
        Caller caller = new Caller(me, jwt.getTokenValue(), RequestIds.of(http), http.getRemoteAddr(),
                http.getHeader(HttpHeaders.USER_AGENT));
        AdviceFlow.Outcome outcome = flow.advise(request, caller);
        http.setAttribute(RequestMetrics.CACHE_HIT, outcome.response().cached());
        http.setAttribute(RequestMetrics.TIMINGS, outcome.timingsMs());
        return outcome.response();
    }
}
