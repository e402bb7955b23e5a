package dev.apfa.auth.session;

import dev.apfa.auth.AuthProperties;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Opaque refresh tokens: 256 random bits handed to the client once, stored as SHA-256 (a fast hash
 * is enough for a high-entropy secret). Every use rotates the token; using a rotated or revoked
 * one revokes its whole family, since either the client or a thief holds a copy.
 */
@Component
public class RefreshTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SessionRepository sessions;
    private final AuthProperties properties;

    public RefreshTokens(SessionRepository sessions, AuthProperties properties) {
        this.sessions = sessions;
        this.properties = properties;
    }

    /** A refresh token handed out, with the session it belongs to. */
    public record Issued(String token, Session session) {
    }

    /** Outcome of presenting a refresh token. */
    public sealed interface Use {
        record Rotated(Issued next, Session previous) implements Use { }
        record Reused(Session session) implements Use { }
        record Invalid() implements Use { }
    }

    @Transactional
    public Issued startFamily(UUID userId, String ip, String userAgent) {
        return issue(userId, UUID.randomUUID(), ip, userAgent);
    }

    @Transactional(noRollbackFor = RuntimeException.class)
    public Use rotate(String token, String ip, String userAgent) {
        Optional<Session> found = sessions.findByTokenHash(hash(token));
        if (found.isEmpty()) {
            return new Use.Invalid();
        }
        Session current = found.get();
        Instant now = Instant.now();
        if (current.getRevokedAt() != null) {
            sessions.revokeFamily(current.getFamilyId(), now);
            return new Use.Reused(current);
        }
        if (current.getExpiresAt().isBefore(now)) {
            return new Use.Invalid();
        }
        Issued next = issue(current.getUserId(), current.getFamilyId(), ip, userAgent);
        if (sessions.markRotated(current.getId(), next.session().getId(), now) == 0) {
            // Lost a race with another use of the same token: that is a reuse too.
            sessions.revokeFamily(current.getFamilyId(), now);
            return new Use.Reused(current);
        }
        return new Use.Rotated(next, current);
    }

    /** Revokes the family of this token; empty when the token is unknown. */
    @Transactional
    public Optional<Session> revokeFamilyOf(String token) {
        Optional<Session> found = sessions.findByTokenHash(hash(token));
        found.ifPresent(session -> sessions.revokeFamily(session.getFamilyId(), Instant.now()));
        return found;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public int revokeAll(UUID userId) {
        return sessions.revokeAllOfUser(userId, Instant.now());
    }

    private Issued issue(UUID userId, UUID familyId, String ip, String userAgent) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Session session = sessions.save(new Session(userId, familyId, hash(token),
                Instant.now().plus(properties.refreshTokenTtl()), ip, clip(userAgent)));
        return new Issued(token, session);
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String clip(String value) {
        return value == null || value.length() <= 256 ? value : value.substring(0, 256);
    }
}
