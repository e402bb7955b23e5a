package dev.apfa.auth.keys;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Encrypts private signing keys at rest with AES-256-GCM when {@code APFA_AUTH_KEY_ENCRYPTION_KEY}
 * (32 bytes, base64) is set — in a deployment it comes from a Secret. Without it (local run) keys
 * are stored as plain JWK JSON, and the service says so once at start-up.
 */
@Component
public class KeyEncryption {

    private static final Logger log = LoggerFactory.getLogger(KeyEncryption.class);
    private static final String ENCRYPTED = "aesgcm:";
    private static final String PLAIN = "plain:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public KeyEncryption(@Value("${APFA_AUTH_KEY_ENCRYPTION_KEY:}") String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            this.key = null;
            log.warn("APFA_AUTH_KEY_ENCRYPTION_KEY is not set: signing keys are stored unencrypted in auth.signing_keys");
        } else {
            byte[] raw = Base64.getDecoder().decode(base64Key.trim());
            if (raw.length != 32) {
                throw new IllegalStateException("APFA_AUTH_KEY_ENCRYPTION_KEY must be 32 bytes, base64-encoded");
            }
            this.key = new SecretKeySpec(raw, "AES");
        }
    }

    public String seal(String plain) {
        if (key == null) {
            return PLAIN + plain;
        }
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return ENCRYPTED + Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + sealed.length).put(iv).put(sealed).array());
        } catch (Exception e) {
            throw new IllegalStateException("cannot encrypt a signing key", e);
        }
    }

    public String open(String stored) {
        if (stored.startsWith(PLAIN)) {
            return stored.substring(PLAIN.length());
        }
        if (key == null) {
            throw new IllegalStateException("signing keys are encrypted but APFA_AUTH_KEY_ENCRYPTION_KEY is not set");
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(ENCRYPTED.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, 12));
            return new String(cipher.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException("cannot decrypt a signing key", e);
        }
    }
}
