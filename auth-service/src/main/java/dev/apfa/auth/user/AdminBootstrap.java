package dev.apfa.auth.user;

import dev.apfa.auth.AuthProperties;
import dev.apfa.auth.login.PasswordPolicy;
import dev.apfa.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;

/**
 * Creates the first super_admin from APFA_ADMIN_USERNAME / APFA_ADMIN_PASSWORD when no user of that
 * name exists. An existing account is never touched (its password may have been changed since).
 * No password means no account: there is no default password.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final UserRepository users;
    private final PasswordEncoder encoder;
    private final PasswordPolicy policy;
    private final AuthProperties properties;

    AdminBootstrap(UserRepository users, PasswordEncoder encoder, PasswordPolicy policy, AuthProperties properties) {
        this.users = users;
        this.encoder = encoder;
        this.policy = policy;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        AuthProperties.Admin admin = properties.admin();
        if (admin == null || admin.password() == null || admin.password().isBlank()) {
            log.warn("APFA_ADMIN_PASSWORD is not set: no first super_admin is created");
            return;
        }
        String username = admin.username().trim().toLowerCase(Locale.ROOT);
        if (users.existsByUsername(username)) {
            return;
        }
        List<String> problems = policy.problems(username, admin.password());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("APFA_ADMIN_PASSWORD does not meet the password policy: " + problems);
        }
        try {
            users.saveAndFlush(new UserAccount(username, encoder.encode(admin.password()), Role.SUPER_ADMIN));
            log.info("Created the first super_admin '{}'", username);
        } catch (DataIntegrityViolationException e) {
            log.info("The first super_admin '{}' was created by another replica", username);
        }
    }
}
