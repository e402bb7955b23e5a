package dev.apfa.auth.login;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of /api/auth (snake_case on the wire; unknown fields are rejected with 400). */
public final class Requests {

    private Requests() {
    }

    /**
     * {@code role} is accepted and ignored, as ARCHITECTURE.md says: a new user is always a
     * {@code user}, whatever the body claims.
     */
    public record Register(
            @NotBlank @Size(min = 3, max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+") String username,
            @NotNull @Size(max = 128) String password,
            @Size(max = 64) String role) {
    }

    public record Login(@NotBlank @Size(max = 64) String username, @NotNull @Size(max = 128) String password) {
    }

    public record RefreshToken(@NotBlank @Size(max = 128) String refreshToken) {
    }

    /** The answer of login and refresh. */
    public record Tokens(String accessToken, String tokenType, long expiresIn, String refreshToken) {
    }
}
