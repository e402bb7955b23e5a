package dev.apfa.search.caller;

import java.util.Set;

/** Who is calling, as the edge authenticated them. */
public record Caller(String userId, String username, Set<String> roles) {

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** Roles are ordered user < financial_advisor < admin < super_admin; admins and up see everything. */
    public boolean isAdmin() {
        return roles.contains("admin") || roles.contains("super_admin");
    }
}
