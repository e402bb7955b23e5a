package dev.apfa.audit.caller;

import java.util.Set;

/** Who is calling, as the edge authenticated them. */
public record Caller(String userId, String username, Set<String> roles) {

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
