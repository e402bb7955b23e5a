package dev.apfa.auth.keys;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.apfa.auth.AuthProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The RS256 signing keys, kept in {@code auth.signing_keys} so that every replica and every restart
 * signs and verifies with the same keys. A new key is published at once but signs only after the
 * propagation delay (longer than the one-minute reload of every replica), so no replica or verifier
 * meets a token signed with a key it cannot know yet. The JWKS publishes the newest {@value #PUBLISHED}
 * keys: the next signer, the signer and the one before it, so tokens signed just before a rotation
 * still verify until they expire (the rotation interval is far longer than an access token lives).
 * Creating a key takes a PostgreSQL advisory lock so two replicas never rotate at once.
 */
@Component
public class SigningKeys implements SmartInitializingSingleton {

    static final int PUBLISHED = 3;
    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final long ADVISORY_LOCK = 0x61706661_6b657973L; // "apfakeys"

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final KeyEncryption encryption;
    private final AuthProperties properties;
    private volatile List<Stored> keys = List.of();

    record Stored(RSAKey key, Instant createdAt) {
    }

    public SigningKeys(JdbcClient jdbc, TransactionTemplate tx, KeyEncryption encryption, AuthProperties properties) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.encryption = encryption;
        this.properties = properties;
    }

    /** After every bean (Flyway included) is ready: make sure a key exists and load the keys. */
    @Override
    public void afterSingletonsInstantiated() {
        rotateIfDue();
    }

    /** The key that signs new tokens: the newest one published for at least the propagation delay. */
    public RSAKey signingKey() {
        List<Stored> current = keys;
        Instant ready = Instant.now().minus(properties.keyPropagationDelay());
        return current.stream().filter(stored -> !stored.createdAt().isAfter(ready)).findFirst()
                .orElse(current.get(current.size() - 1)).key();
    }

    /** The public keys a verifier needs (newest first). */
    public JWKSet publicKeys() {
        return new JWKSet(keys.stream().limit(PUBLISHED).map(stored -> (JWK) stored.key().toPublicJWK()).toList());
    }

    /** Creates a key when none exists or the newest is older than the rotation interval. */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    public void rotateIfDue() {
        tx.executeWithoutResult(status -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(ADVISORY_LOCK).query().singleRow();
            List<Stored> current = load();
            if (current.isEmpty() || current.get(0).createdAt().plus(properties.keyRotationInterval()).isBefore(Instant.now())) {
                insert(generate());
            }
        });
        keys = load();
    }

    /**
     * Rotates now (a super_admin's action, see {@link KeyAdminController}): the new key is published at
     * once and signs after the propagation delay. Joins the caller's transaction when there is one.
     *
     * @return the new key's id
     */
    public String rotate() {
        RSAKey key = generate();
        tx.executeWithoutResult(status -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(ADVISORY_LOCK).query().singleRow();
            insert(key);
            // Published only once committed: a rolled-back rotation never shows a key that does not exist.
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    keys = load();
                }
            });
        });
        return key.getKeyID();
    }

    private void insert(RSAKey key) {
        jdbc.sql("INSERT INTO signing_keys (kid, algorithm, private_key, public_jwk, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(key.getKeyID(), JWSAlgorithm.RS256.getName(), encryption.seal(key.toJSONString()),
                        key.toPublicJWK().toJSONString(), java.sql.Timestamp.from(Instant.now()))
                .update();
        log.info("Created signing key {}", key.getKeyID());
    }

    private List<Stored> load() {
        return jdbc.sql("SELECT private_key, created_at FROM signing_keys ORDER BY created_at DESC LIMIT 10")
                .query((rs, n) -> new Stored(parse(encryption.open(rs.getString(1))), rs.getTimestamp(2).toInstant()))
                .list();
    }

    private static RSAKey parse(String json) {
        try {
            return RSAKey.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("unreadable signing key", e);
        }
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate();
        } catch (Exception e) {
            throw new IllegalStateException("cannot generate a signing key", e);
        }
    }
}
