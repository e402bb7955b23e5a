package dev.apfa.auth.login;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy();

    @Test
    void acceptsALongPassphrase() {
        assertThat(policy.problems("alice", "correct-horse-battery-9")).isEmpty();
    }

    @Test
    void refusesShortLongRepetitiveCommonAndUsernamePasswords() {
        assertThat(policy.problems("alice", "short")).containsExactly("must have at least 12 characters");
        assertThat(policy.problems("alice", "x".repeat(65))).anyMatch(p -> p.startsWith("must have at most"));
        assertThat(policy.problems("alice", "é".repeat(40))).anyMatch(p -> p.startsWith("must have at most"));
        assertThat(policy.problems("alice", "aaaaaaaaaaaaaaaa")).contains("must use at least 5 different characters");
        assertThat(policy.problems("bob", "Password1234")).contains("is too common");
        assertThat(policy.problems("alice", "my-ALICE-password")).contains("must not contain the username");
    }

    @Test
    void onlyPasswordsBcryptCanReadWholeAreHashable() {
        assertThat(PasswordPolicy.hashable("a".repeat(72))).isTrue();
        assertThat(PasswordPolicy.hashable("a".repeat(73))).isFalse();
        assertThat(PasswordPolicy.hashable(null)).isFalse();
    }
}
