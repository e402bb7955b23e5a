package dev.apfa.auth.user;

import dev.apfa.security.Role;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A user as the API shows it (never the hash or lockout internals). */
public record UserView(UUID id, String username, Role role, List<Role> roles, boolean disabled, Instant createdAt) {

    public static UserView of(UserAccount user) {
        return new UserView(user.getId(), user.getUsername(), user.getRole(), List.of(user.getRole()),
                user.isDisabled(), user.getCreatedAt());
    }
}
