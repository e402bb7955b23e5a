package dev.apfa.auth.login;

import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Length over composition rules (NIST SP 800-63B): 12 to 64 characters and at most 72 bytes (bcrypt
 * reads no further), not containing the username, not a single repeated character, and not one of
 * the most common passwords.
 */
@Component
public class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 64;
    public static final int MAX_BYTES = 72;
    private static final Set<String> COMMON = Set.of("password1234", "123456789012", "qwertyuiopas", "passwordpassword",
            "iloveyou1234", "letmein12345", "administrator", "welcome12345", "changeme1234", "1234567890ab");

    public List<String> problems(String username, String password) {
        List<String> problems = new ArrayList<>();
        if (password == null || password.length() < MIN_LENGTH) {
            problems.add("must have at least " + MIN_LENGTH + " characters");
            return problems;
        }
        if (password.length() > MAX_LENGTH || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            problems.add("must have at most " + MAX_LENGTH + " characters (" + MAX_BYTES + " bytes)");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (username != null && !username.isBlank() && lower.contains(username.toLowerCase(Locale.ROOT))) {
            problems.add("must not contain the username");
        }
        if (password.chars().distinct().count() < 5) {
            problems.add("must use at least 5 different characters");
        }
        if (COMMON.contains(lower)) {
            problems.add("is too common");
        }
        return problems;
    }

    /** True when bcrypt can check this password at all (longer inputs are refused, never truncated). */
    public static boolean hashable(String password) {
        return password != null && password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
    }
}
