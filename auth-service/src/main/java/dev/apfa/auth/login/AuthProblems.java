package dev.apfa.auth.login;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.util.List;

/**
 * The domain's expected failures, as Spring {@link ErrorResponseException}s so that service-support's
 * problem handler renders them (status, detail, request id) like every other error.
 */
public final class AuthProblems {

    private AuthProblems() {
    }

    private static ErrorResponseException problem(HttpStatus status, String detail) {
        return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }

    /** The same answer for an unknown user, a wrong password, a locked or a disabled account. */
    public static ErrorResponseException badCredentials() {
        return problem(HttpStatus.UNAUTHORIZED, "Invalid username or password.");
    }

    public static ErrorResponseException badRefreshToken() {
        return problem(HttpStatus.UNAUTHORIZED, "The refresh token is invalid, expired or revoked.");
    }

    public static ErrorResponseException unknownCaller() {
        return problem(HttpStatus.UNAUTHORIZED, "Authentication is required.");
    }

    public static ErrorResponseException usernameTaken() {
        return problem(HttpStatus.CONFLICT, "That username is taken.");
    }

    public static ErrorResponseException userNotFound() {
        return problem(HttpStatus.NOT_FOUND, "No such user.");
    }

    public static ErrorResponseException selfChange() {
        return problem(HttpStatus.CONFLICT, "You cannot change your own role or disable your own account.");
    }

    public static ErrorResponseException weakPassword(List<String> reasons) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The password does not meet the policy.");
        detail.setProperty("errors", reasons.stream().map(reason -> java.util.Map.of("field", "password", "message", reason)).toList());
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, detail, null);
    }
}
