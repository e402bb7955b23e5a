package dev.apfa.auth.user;

import dev.apfa.security.Role;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** A user of APFA: one role, a password hash, lockout state and the token version (see TokenVersions). */
@Entity
@Table(name = "users")
public class UserAccount {

    @Id
    private UUID id;
    @Column(nullable = false, unique = true)
    private String username;
    @Column(name = "password_hash", nullable = false)
    private String passwordHash;
    @Convert(converter = RoleConverter.class)
    @Column(nullable = false)
    private Role role;
    private boolean disabled;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Column(name = "token_version", nullable = false)
    private long tokenVersion;
    @Column(name = "failed_attempts", nullable = false)
    private int failedAttempts;
    @Column(name = "first_failed_at")
    private Instant firstFailedAt;
    @Column(name = "locked_until")
    private Instant lockedUntil;

    protected UserAccount() {
    }

    public UserAccount(String username, String passwordHash, Role role) {
        this.id = UUID.randomUUID();
        this.username = username;
        this.passwordHash = passwordHash;
        this.role = role;
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }

    public boolean isLocked(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    /**
     * Counts a failed login; returns true when this failure locks the account. Failures older than
     * the window start a new count.
     */
    public boolean recordFailure(Instant now, int maxFailures, Duration window, Duration lockFor) {
        if (firstFailedAt == null || firstFailedAt.plus(window).isBefore(now)) {
            firstFailedAt = now;
            failedAttempts = 0;
        }
        failedAttempts++;
        updatedAt = now;
        if (failedAttempts >= maxFailures) {
            lockedUntil = now.plus(lockFor);
            failedAttempts = 0;
            firstFailedAt = null;
            return true;
        }
        return false;
    }

    public void recordSuccess() {
        failedAttempts = 0;
        firstFailedAt = null;
        lockedUntil = null;
    }

    /** Makes every access token issued so far invalid (checked through Redis by every verifier). */
    public long raiseTokenVersion() {
        updatedAt = Instant.now();
        return ++tokenVersion;
    }

    /** Break-glass reset: the new password, unlocked, enabled, and every outstanding access token void. */
    public void resetPassword(String newPasswordHash) {
        this.passwordHash = newPasswordHash;
        this.disabled = false;
        recordSuccess();
        raiseTokenVersion();
    }

    public void changeRole(Role newRole) {
        this.role = newRole;
        this.updatedAt = Instant.now();
    }

    public void setDisabled(boolean disabled) {
        this.disabled = disabled;
        this.updatedAt = Instant.now();
    }

    public UUID getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public Role getRole() {
        return role;
    }

    public boolean isDisabled() {
        return disabled;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public long getTokenVersion() {
        return tokenVersion;
    }
}
