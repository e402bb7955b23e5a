package dev.apfa.auth.user;

import dev.apfa.auth.AuthProperties;
import dev.apfa.auth.audit.AuditTrail;
import dev.apfa.auth.audit.RequestContext;
import dev.apfa.auth.login.PasswordPolicy;
import dev.apfa.auth.login.TokenVersionPublisher;
import dev.apfa.contracts.audit.v1.AuditAction;
import dev.apfa.contracts.audit.v1.AuditEvent;
import dev.apfa.contracts.audit.v1.Outcome;
import dev.apfa.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Creates the first super_admin from APFA_ADMIN_USERNAME / APFA_ADMIN_PASSWORD when no user of that
 * name exists. An existing account is left alone (its password may have been changed since) unless
 * APFA_ADMIN_RESET_PASSWORD=true asks for a break-glass reset, which is audited.
 * No password means no account: there is no default password.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final UserRepository users;
    private final PasswordEncoder encoder;
    private final PasswordPolicy policy;
    private final AuthProperties properties;
    private final AuditTrail audit;
    private final TokenVersionPublisher versions;
    private final TransactionTemplate tx;

    AdminBootstrap(UserRepository users, PasswordEncoder encoder, PasswordPolicy policy, AuthProperties properties,
                   AuditTrail audit, TokenVersionPublisher versions, TransactionTemplate tx) {
        this.users = users;
        this.encoder = encoder;
        this.policy = policy;
        this.properties = properties;
        this.audit = audit;
        this.versions = versions;
        this.tx = tx;
    }

    @Override
    public void run(ApplicationArguments args) {
        AuthProperties.Admin admin = properties.admin();
        if (admin == null || admin.password() == null || admin.password().isBlank()) {
            log.warn("APFA_ADMIN_PASSWORD is not set: no first super_admin is created");
            return;
        }
        String username = admin.username().trim().toLowerCase(Locale.ROOT);
        List<String> problems = policy.problems(username, admin.password());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("APFA_ADMIN_PASSWORD does not meet the password policy: " + problems);
        }
        if (users.existsByUsername(username)) {
            if (admin.resetPassword()) {
                reset(username, admin.password());
            }
            return;
        }
        try {
            users.saveAndFlush(new UserAccount(username, encoder.encode(admin.password()), Role.SUPER_ADMIN));
            log.info("Created the first super_admin '{}'", username);
        } catch (DataIntegrityViolationException e) {
            log.info("The first super_admin '{}' was created by another replica", username);
        }
    }

    private void reset(String username, String password) {
        UserAccount account = tx.execute(status -> {
            UserAccount user = users.findByUsername(username).orElseThrow();
            if (encoder.matches(password, user.getPasswordHash()) && !user.isDisabled() && user.getRole() == Role.SUPER_ADMIN) {
                return null;
            }
            user.resetPassword(encoder.encode(password));
            user.changeRole(Role.SUPER_ADMIN);
            UserAccount saved = users.save(user);
            audit.record(AuditAction.ADMIN_PASSWORD_RESET, AuditEvent.Actor.system(AuditTrail.SERVICE),
                    new AuditEvent.Resource("user", saved.getId().toString()), Outcome.SUCCESS,
                    new RequestContext(null, "startup-" + UUID.randomUUID(), null), "APFA_ADMIN_RESET_PASSWORD", Map.of());
            return saved;
        });
        if (account != null) {
            versions.publish(account.getId(), account.getTokenVersion());
            log.warn("Reset the password of super_admin '{}' from configuration (APFA_ADMIN_RESET_PASSWORD)", username);
        }
    }
}
