package dev.apfa.security;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The four roles of ARCHITECTURE.md, lowest first: each role has every right of the roles before
 * it. On the wire (JWT {@code roles} claim, JSON bodies, the database) a role is its lower-case
 * name; as a Spring authority it is {@code ROLE_<NAME>}, so {@code hasRole('ADMIN')} works.
 */
public enum Role {
    USER, FINANCIAL_ADVISOR, ADMIN, SUPER_ADMIN;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String authority() {
        return "ROLE_" + name();
    }

    /** True when this role has at least the rights of {@code other}. */
    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }

    public static Optional<Role> fromWireName(String value) {
        return Arrays.stream(values()).filter(role -> role.wireName().equals(value)).findFirst();
    }

    @JsonCreator
    static Role parse(String value) {
        return fromWireName(value).orElseThrow(() -> new IllegalArgumentException("unknown role"));
    }
}
