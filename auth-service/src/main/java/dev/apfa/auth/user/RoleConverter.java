package dev.apfa.auth.user;

import dev.apfa.security.Role;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a role as its wire name, matching the CHECK constraint of {@code auth.users.role}. */
@Converter
public class RoleConverter implements AttributeConverter<Role, String> {

    @Override
    public String convertToDatabaseColumn(Role role) {
        return role == null ? null : role.wireName();
    }

    @Override
    public Role convertToEntityAttribute(String value) {
        return value == null ? null : Role.fromWireName(value).orElseThrow();
    }
}
