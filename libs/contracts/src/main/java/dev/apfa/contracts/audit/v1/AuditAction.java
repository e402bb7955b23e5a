package dev.apfa.contracts.audit.v1;

/**
 * Every audited action. The event type is {@code apfa.audit.<action>} and the payload's
 * {@code action} field carries {@link #action()}; {@code EventValidator} rejects an event whose
 * two disagree. Adding a constant adds an event type (and needs a sample, see the README).
 */
public enum AuditAction {
    // auth-service
    USER_REGISTERED("user.registered"),
    LOGIN_SUCCEEDED("login.succeeded"),
    LOGIN_FAILED("login.failed"),
    ACCOUNT_LOCKED("account.locked"),
    TOKEN_REFRESHED("token.refreshed"),
    TOKEN_REUSE_DETECTED("token.reuse_detected"),
    LOGOUT("logout"),
    LOGOUT_ALL("logout_all"),
    USER_ROLE_CHANGED("user.role_changed"),
    USER_DISABLED("user.disabled"),
    USER_ENABLED("user.enabled"),
    /** The first super_admin's password was reset from configuration at start-up (break-glass, opt-in). */
    ADMIN_PASSWORD_RESET("admin.password_reset"),
    /** A super_admin rotated the token signing key before its schedule. */
    SIGNING_KEY_ROTATED("signing_key.rotated"),
    // advice-service
    ADVICE_GENERATED("advice.generated"),
    // embedding-service and index-service: admin actions on the data plane
    BATCH_STARTED("batch.started"),
    INDEX_BUILD_REQUESTED("index.build_requested"),
    INDEX_ACTIVATED("index.activated"),
    INDEX_ROLLED_BACK("index.rolled_back"),
    // audit-service and search-service
    ANOMALY_DETECTED("anomaly.detected"),
    AUDIT_VERIFIED("audit.verified"),
    AUDIT_EXPORTED("audit.exported");

    public static final String TYPE_PREFIX = "apfa.audit.";

    private final String action;

    AuditAction(String action) {
        this.action = action;
    }

    /** The wire value of the payload's {@code action} field, e.g. {@code login.failed}. */
    public String action() {
        return action;
    }

    /** The CloudEvents type, e.g. {@code apfa.audit.login.failed}. */
    public String eventType() {
        return TYPE_PREFIX + action;
    }

    public static AuditAction ofAction(String action) {
        for (AuditAction value : values()) {
            if (value.action.equals(action)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown audit action '" + action + "'");
    }
}
