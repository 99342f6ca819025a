package dev.loupe.server.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Hashes and verifies passwords and access keys. New hashes are bcrypt (version {@code 2b}, the given cost;
 * secrets over bcrypt's 72 bytes are pre-hashed with SHA-512 rather than truncated). Verification also accepts
 * the {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} form of keys imported from {@code access-keys.json}.
 * Every comparison is constant-time. Thread-safe; verifying costs what the hash's cost says (bcrypt cost 10:
 * about 50-100 ms), so callers on hot paths cache successes ({@link UserDirectory} does).
 */
public final class SecretHasher {
    /** The cost used in production: 2^10 rounds. */
    public static final int DEFAULT_COST = 10;
    static final String PBKDF2_PREFIX = "pbkdf2-sha256$";
    private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2B;

    private final int cost;
    private final BCrypt.Hasher hasher = BCrypt.with(VERSION, LongPasswordStrategies.hashSha512(VERSION));
    private final BCrypt.Verifyer verifyer = BCrypt.verifyer(VERSION, LongPasswordStrategies.hashSha512(VERSION));
    private final String dummyHash;

    /** @param cost the bcrypt cost (log2 rounds), 4 to 31; tests use 4 */
    public SecretHasher(int cost) {
        if (cost < 4 || cost > 31) {
            throw new IllegalArgumentException("bcrypt cost must be 4 to 31, not " + cost);
        }
        this.cost = cost;
        this.dummyHash = hash("loupe-dummy-secret");
    }

    /** A new salted hash of {@code secret}. */
    public String hash(String secret) {
        return hasher.hashToString(cost, secret.toCharArray());
    }

    /**
     * Whether {@code secret} matches {@code storedHash}. Null or unknown hash forms never match; a null
     * {@code storedHash} still costs one bcrypt verification, so an unknown user takes as long as a known one.
     */
    public boolean verify(String secret, String storedHash) {
        if (secret == null) {
            return false;
        }
        if (storedHash == null) {
            verifyer.verify(secret.toCharArray(), dummyHash.toCharArray());
            return false;
        }
        if (storedHash.startsWith(PBKDF2_PREFIX)) {
            return verifyPbkdf2(secret, storedHash);
        }
        if (storedHash.startsWith("$2")) {
            return verifyer.verify(secret.toCharArray(), storedHash.toCharArray()).verified;
        }
        return false;
    }

    /** The stored form of a PBKDF2 hash from {@code access-keys.json}. */
    static String pbkdf2Form(int iterations, String saltBase64, String hashBase64) {
        return PBKDF2_PREFIX + iterations + "$" + saltBase64 + "$" + hashBase64;
    }

    private static boolean verifyPbkdf2(String secret, String storedHash) {
        String[] parts = storedHash.substring(PBKDF2_PREFIX.length()).split("\\$");
        if (parts.length != 3) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(parts[1]);
        byte[] expected = Base64.getDecoder().decode(parts[2]);
        PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, Integer.parseInt(parts[0]), expected.length * 8);
        try {
            byte[] actual = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            return MessageDigest.isEqual(expected, actual);
        } catch (GeneralSecurityException exception) {
            throw new IllegalStateException("the JDK has no PBKDF2WithHmacSHA256", exception);
        } finally {
            spec.clearPassword();
        }
    }

    /** The SHA-256 of a high-entropy token (session tokens), hex: fast, and enough for 256 random bits. */
    static String sha256Hex(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(64);
            for (byte value : digest) {
                hex.append(Character.forDigit((value >> 4) & 0xF, 16)).append(Character.forDigit(value & 0xF, 16));
            }
            return hex.toString();
        } catch (GeneralSecurityException exception) {
            throw new IllegalStateException("the JDK has no SHA-256", exception);
        }
    }
}
