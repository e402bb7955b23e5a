package dev.apfa.advice.history;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The owner column is a UUID (auth-service's user ids are UUIDs). A token whose subject is not one still gets
 * a stable owner id (name-based UUID of the subject), so ownership checks keep working.
 */
public final class UserIds {

    private UserIds() {
    }

    public static UUID of(String subject) {
        try {
            return UUID.fromString(subject);
        } catch (IllegalArgumentException e) {
            return UUID.nameUUIDFromBytes(subject.getBytes(StandardCharsets.UTF_8));
        }
    }
}
