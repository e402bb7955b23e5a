package dev.apfa.auth.user;

import dev.apfa.auth.audit.AuditTrail;
import dev.apfa.auth.audit.RequestContext;
import dev.apfa.auth.login.AuthProblems;
import dev.apfa.auth.login.TokenVersionPublisher;
import dev.apfa.auth.session.RefreshTokens;
import dev.apfa.contracts.audit.v1.AuditAction;
import dev.apfa.contracts.audit.v1.AuditEvent;
import dev.apfa.contracts.audit.v1.Outcome;
import dev.apfa.security.CurrentUser;
import dev.apfa.security.Role;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * super_admin's user administration. A role change or a disable raises the user's token version,
 * so the change applies to the very next request (old access tokens are refused; a refresh gets
 * a token with the new role, or nothing for a disabled user, whose sessions are revoked too).
 */
@Service
public class UserAdminService {

    private final UserRepository users;
    private final RefreshTokens refreshTokens;
    private final TokenVersionPublisher versions;
    private final AuditTrail audit;
    private final TransactionTemplate tx;

    public UserAdminService(UserRepository users, RefreshTokens refreshTokens, TokenVersionPublisher versions,
                            AuditTrail audit, TransactionTemplate tx) {
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.versions = versions;
        this.audit = audit;
        this.tx = tx;
    }

    public record Change(Role role, Boolean disabled) {
    }

    public Page<UserView> list(int page, int size) {
        return users.findAll(PageRequest.of(page, size, Sort.by("createdAt", "id"))).map(UserView::of);
    }

    public UserView get(UUID id) {
        return users.findById(id).map(UserView::of).orElseThrow(AuthProblems::userNotFound);
    }

    public UserView change(UUID id, Change change, CurrentUser admin, RequestContext ctx) {
        if (id.toString().equals(admin.id()) && (change.role() != null || Boolean.TRUE.equals(change.disabled()))) {
            throw AuthProblems.selfChange();
        }
        List<Runnable> events = new ArrayList<>();
        UserAccount user = tx.execute(status -> {
            UserAccount account = users.findById(id).orElseThrow(AuthProblems::userNotFound);
            AuditEvent.Actor actor = new AuditEvent.Actor(admin.id(), admin.displayName(), admin.roleNames());
            AuditEvent.Resource resource = new AuditEvent.Resource("user", account.getId().toString());
            boolean revoke = false;
            if (change.role() != null && change.role() != account.getRole()) {
                Role from = account.getRole();
                account.changeRole(change.role());
                revoke = true;
                events.add(() -> audit.record(AuditAction.USER_ROLE_CHANGED, actor, resource, Outcome.SUCCESS, ctx, null,
                        Map.of("from_role", from.wireName(), "to_role", change.role().wireName())));
            }
            if (change.disabled() != null && change.disabled() != account.isDisabled()) {
                account.setDisabled(change.disabled());
                if (change.disabled()) {
                    refreshTokens.revokeAll(account.getId());
                    revoke = true;
                }
                AuditAction action = change.disabled() ? AuditAction.USER_DISABLED : AuditAction.USER_ENABLED;
                events.add(() -> audit.record(action, actor, resource, Outcome.SUCCESS, ctx, null, Map.of()));
            }
            if (revoke) {
                account.raiseTokenVersion();
            }
            return users.save(account);
        });
        versions.publish(user.getId(), user.getTokenVersion());
        events.forEach(Runnable::run);
        return UserView.of(user);
    }
}
