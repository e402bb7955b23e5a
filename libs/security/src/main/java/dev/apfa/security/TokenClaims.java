package dev.apfa.security;

/**
 * Claims of an APFA access token (issued by auth-service, checked by gateway and services):
 * standard {@code iss}, {@code aud}, {@code sub} (user id), {@code iat}, {@code exp}, {@code jti},
 * plus these. Header: {@code alg} RS256 and the signing key's {@code kid}.
 */
public final class TokenClaims {

    /** The user's login name. */
    public static final String USERNAME = "username";
    /** JSON array of role wire names, e.g. {@code ["admin"]}. */
    public static final String ROLES = "roles";
    /** The user's token version when the token was issued; logout-all raises it (see {@link TokenVersions}). */
    public static final String TOKEN_VERSION = "ver";

    private TokenClaims() {
    }
}
