package dev.apfa.auth.login;

import dev.apfa.auth.AuthProperties;
import dev.apfa.auth.audit.AuditTrail;
import dev.apfa.auth.audit.RequestContext;
import dev.apfa.auth.keys.AccessTokens;
import dev.apfa.auth.session.RefreshTokens;
import dev.apfa.auth.session.Session;
import dev.apfa.auth.user.UserAccount;
import dev.apfa.auth.user.UserRepository;
import dev.apfa.auth.user.UserView;
import dev.apfa.contracts.audit.v1.AuditAction;
import dev.apfa.contracts.audit.v1.AuditEvent;
import dev.apfa.contracts.audit.v1.Outcome;
import dev.apfa.security.CurrentUser;
import dev.apfa.security.Role;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Registration, login, refresh and logout. Failure paths persist what they must (failure count,
 * family revocation) before the 401 is thrown, so these methods hold no transaction of their own
 * around the whole call.
 */
@Service
public class AuthService {

    private final UserRepository users;
    private final PasswordEncoder encoder;
    private final PasswordPolicy policy;
    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final TokenVersionPublisher versions;
    private final AuditTrail audit;
    private final AuthProperties properties;
    private final TransactionTemplate tx;
    /** Hash checked when there is no real one, so every failed login costs one bcrypt verification. */
    private final String dummyHash;

    public AuthService(UserRepository users, PasswordEncoder encoder, PasswordPolicy policy, AccessTokens accessTokens,
                       RefreshTokens refreshTokens, TokenVersionPublisher versions, AuditTrail audit,
                       AuthProperties properties, TransactionTemplate tx) {
        this.users = users;
        this.encoder = encoder;
        this.policy = policy;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.versions = versions;
        this.audit = audit;
        this.properties = properties;
        this.tx = tx;
        this.dummyHash = encoder.encode(UUID.randomUUID().toString());
    }

    public UserView register(Requests.Register request, RequestContext ctx) {
        String username = normalize(request.username());
        List<String> problems = policy.problems(username, request.password());
        if (!problems.isEmpty()) {
            throw AuthProblems.weakPassword(problems);
        }
        if (users.existsByUsername(username)) {
            throw AuthProblems.usernameTaken();
        }
        Map<String, Object> details = request.role() != null && !request.role().equals(Role.USER.wireName())
                ? Map.of("requested_role_ignored", true) : Map.of();
        String hash = encoder.encode(request.password());
        try {
            // The account and its audit event (outbox) commit together.
            UserAccount user = tx.execute(status -> {
                UserAccount saved = users.saveAndFlush(new UserAccount(username, hash, Role.USER));
                audit.record(AuditAction.USER_REGISTERED, actor(saved), resource(saved), Outcome.SUCCESS, ctx, null, details);
                return saved;
            });
            return UserView.of(user);
        } catch (DataIntegrityViolationException e) {
            throw AuthProblems.usernameTaken();
        }
    }

    public Requests.Tokens login(Requests.Login request, RequestContext ctx) {
        String username = normalize(request.username());
        Optional<UserAccount> found = users.findByUsername(username);
        Instant now = Instant.now();
        if (found.isEmpty()) {
            verify(request.password(), dummyHash);
            audit.record(AuditAction.LOGIN_FAILED, AuditEvent.Actor.unknown(username),
                    new AuditEvent.Resource("user", AuditEvent.UNKNOWN_ACTOR_ID), Outcome.FAILURE, ctx,
                    "invalid_credentials", Map.of());
            throw AuthProblems.badCredentials();
        }
        UserAccount user = found.get();
        if (user.isLocked(now)) {
            verify(request.password(), dummyHash);
            audit.record(AuditAction.LOGIN_FAILED, actor(user), resource(user), Outcome.DENIED, ctx, "account_locked", Map.of());
            throw AuthProblems.badCredentials();
        }
        if (!verify(request.password(), user.getPasswordHash())) {
            AuthProperties.Lockout lockout = properties.lockout();
            tx.executeWithoutResult(status -> {
                boolean locked = user.recordFailure(now, lockout.maxFailures(), lockout.window(), lockout.duration());
                users.save(user);
                audit.record(AuditAction.LOGIN_FAILED, actor(user), resource(user), Outcome.FAILURE, ctx, "invalid_credentials", Map.of());
                if (locked) {
                    audit.record(AuditAction.ACCOUNT_LOCKED, actor(user), resource(user), Outcome.DENIED, ctx,
                            "too_many_failed_logins", Map.of("locked_for_seconds", lockout.duration().toSeconds()));
                }
            });
            throw AuthProblems.badCredentials();
        }
        if (user.isDisabled()) {
            audit.record(AuditAction.LOGIN_FAILED, actor(user), resource(user), Outcome.DENIED, ctx, "account_disabled", Map.of());
            throw AuthProblems.badCredentials();
        }
        RefreshTokens.Issued refresh = tx.execute(status -> {
            user.recordSuccess();
            users.save(user);
            RefreshTokens.Issued issued = refreshTokens.startFamily(user.getId(), ctx.ip(), ctx.userAgent());
            audit.record(AuditAction.LOGIN_SUCCEEDED, actor(user), resource(user), Outcome.SUCCESS, ctx, null,
                    Map.of("family_id", issued.session().getFamilyId().toString()));
            return issued;
        });
        return tokens(user, refresh.token());
    }

    public Requests.Tokens refresh(Requests.RefreshToken request, RequestContext ctx) {
        RefreshTokens.Use use = refreshTokens.rotate(request.refreshToken(), ctx.ip(), ctx.userAgent());
        if (use instanceof RefreshTokens.Use.Reused reused) {
            Session session = reused.session();
            AuditEvent.Actor actor = users.findById(session.getUserId()).map(AuthService::actor)
                    .orElse(AuditEvent.Actor.unknown(null));
            audit.record(AuditAction.TOKEN_REUSE_DETECTED, actor, new AuditEvent.Resource("session", session.getFamilyId().toString()),
                    Outcome.DENIED, ctx, "rotated_token_reused", Map.of("family_id", session.getFamilyId().toString()));
            throw AuthProblems.badRefreshToken();
        }
        if (!(use instanceof RefreshTokens.Use.Rotated rotated)) {
            throw AuthProblems.badRefreshToken();
        }
        UserAccount user = users.findById(rotated.previous().getUserId()).orElse(null);
        if (user == null || user.isDisabled()) {
            refreshTokens.revokeFamilyOf(rotated.next().token());
            throw AuthProblems.badRefreshToken();
        }
        audit.record(AuditAction.TOKEN_REFRESHED, actor(user), new AuditEvent.Resource("session", rotated.previous().getFamilyId().toString()),
                Outcome.SUCCESS, ctx, null, Map.of("family_id", rotated.previous().getFamilyId().toString()));
        return tokens(user, rotated.next().token());
    }

    /** Revokes the token's family; answers the same whether or not the token was known. */
    public void logout(Requests.RefreshToken request, RequestContext ctx) {
        refreshTokens.revokeFamilyOf(request.refreshToken()).ifPresent(session -> {
            AuditEvent.Actor actor = users.findById(session.getUserId()).map(AuthService::actor)
                    .orElse(AuditEvent.Actor.unknown(null));
            audit.record(AuditAction.LOGOUT, actor, new AuditEvent.Resource("session", session.getFamilyId().toString()),
                    Outcome.SUCCESS, ctx, null, Map.of("family_id", session.getFamilyId().toString()));
        });
    }

    /** Every session revoked and every access token issued so far void (token version). */
    public void logoutAll(CurrentUser caller, RequestContext ctx) {
        UserAccount user = tx.execute(status -> {
            UserAccount account = users.findById(UUID.fromString(caller.id())).orElseThrow(AuthProblems::unknownCaller);
            refreshTokens.revokeAll(account.getId());
            account.raiseTokenVersion();
            UserAccount saved = users.save(account);
            audit.record(AuditAction.LOGOUT_ALL, actor(saved), resource(saved), Outcome.SUCCESS, ctx, null, Map.of());
            return saved;
        });
        versions.publish(user.getId(), user.getTokenVersion());
    }

    public UserView me(CurrentUser caller) {
        return users.findById(parse(caller.id())).map(UserView::of).orElseThrow(AuthProblems::unknownCaller);
    }

    private Requests.Tokens tokens(UserAccount user, String refreshToken) {
        AccessTokens.Issued access = accessTokens.issue(user);
        return new Requests.Tokens(access.token(), "Bearer", access.expiresInSeconds(), refreshToken);
    }

    private boolean verify(String raw, String hash) {
        if (!PasswordPolicy.hashable(raw)) {
            encoder.matches("x", dummyHash);
            return false;
        }
        return encoder.matches(raw, hash);
    }

    static String normalize(String username) {
        return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw AuthProblems.unknownCaller();
        }
    }

    static AuditEvent.Actor actor(UserAccount user) {
        return new AuditEvent.Actor(user.getId().toString(), user.getUsername(), List.of(user.getRole().wireName()));
    }

    static AuditEvent.Resource resource(UserAccount user) {
        return new AuditEvent.Resource("user", user.getId().toString());
    }
}
