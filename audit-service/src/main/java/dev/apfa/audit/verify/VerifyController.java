package dev.apfa.audit.verify;

import dev.apfa.security.CurrentUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/audit/verify[?chain=N]} (super_admin): the state of the audit hash chains. The
 * token is checked here too (libs/security), not only at the gateway, so a direct call fails.
 */
@RestController
class VerifyController {

    private static final Logger log = LoggerFactory.getLogger(VerifyController.class);

    private final ChainVerifier verifier;

    VerifyController(ChainVerifier verifier) {
        this.verifier = verifier;
    }

    @GetMapping("/api/audit/verify")
    @PreAuthorize("hasRole('SUPER_ADMIN')")
    ChainVerifier.Report verify(@RequestParam(required = false) Integer chain, CurrentUser me) {
        // Who looked at the trail's integrity is itself worth a log line.
        log.info("audit chain verification (chain {}) requested by user {}", chain == null ? "all" : chain, me.id());
        return verifier.verify(chain);
    }
}
