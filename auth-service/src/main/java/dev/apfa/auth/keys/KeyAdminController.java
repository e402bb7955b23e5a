package dev.apfa.auth.keys;

import com.nimbusds.jose.jwk.JWK;
import dev.apfa.auth.AuthProperties;
import dev.apfa.auth.audit.AuditTrail;
import dev.apfa.auth.audit.RequestContext;
import dev.apfa.contracts.audit.v1.AuditAction;
import dev.apfa.contracts.audit.v1.AuditEvent;
import dev.apfa.contracts.audit.v1.Outcome;
import dev.apfa.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/admin/keys/rotate} (super_admin): a new signing key now instead of at the scheduled
 * rotation, e.g. after an operator policy change. The key and its audit event commit together; the key is
 * published at once and signs from {@code signs_from} (after the propagation delay).
 */
@RestController
@PreAuthorize("hasRole('SUPER_ADMIN')")
class KeyAdminController {

    private final SigningKeys keys;
    private final AuditTrail audit;
    private final TransactionTemplate tx;
    private final Duration propagationDelay;

    KeyAdminController(SigningKeys keys, AuditTrail audit, TransactionTemplate tx, AuthProperties properties) {
        this.keys = keys;
        this.audit = audit;
        this.tx = tx;
        this.propagationDelay = properties.keyPropagationDelay();
    }

    /**
     * {@code kid}: the new key, signing from {@code signsFrom}; {@code previousKid}: the key signing until then;
     * {@code published}: the key ids in the JWKS, newest first.
     */
    record Rotated(String kid, Instant signsFrom, String previousKid, List<String> published) {
    }

    @PostMapping("/api/admin/keys/rotate")
    Rotated rotate(CurrentUser caller, HttpServletRequest request) {
        String previous = keys.signingKey().getKeyID();
        String kid = tx.execute(status -> {
            String created = keys.rotate();
            audit.record(AuditAction.SIGNING_KEY_ROTATED,
                    new AuditEvent.Actor(caller.id(), caller.displayName(), caller.roleNames()),
                    new AuditEvent.Resource("signing_key", created), Outcome.SUCCESS, RequestContext.of(request), null,
                    Map.of("previous_kid", previous));
            return created;
        });
        List<String> published = keys.publicKeys().getKeys().stream().map(JWK::getKeyID).toList();
        return new Rotated(kid, Instant.now().plus(propagationDelay), previous, published);
    }
}
