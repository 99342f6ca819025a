package dev.loupe.server.auth;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.server.JsonFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The access keys that may call the {@code /api/} endpoints, persisted as JSON in
 * {@code <dataDirectory>/access-keys.json}. Thread-safe.
 *
 * <p>Keys are stored as PBKDF2WithHmacSHA256 hashes ({@value #ITERATIONS} iterations, a random 16-byte salt per
 * key); the plaintext exists only in the {@link CreatedAccessKey} that {@link #createKey} returns.
 */
/*
 * Design note: PBKDF2 at 100k iterations costs tens of milliseconds, too slow to run on every API call (a client
 * polling a search job makes several calls per second). After a successful verification we therefore remember,
 * for CACHE_TTL, a SHA-256 of "id:key" salted with a per-process random salt; a later request with the same
 * credentials costs one SHA-256 and a constant-time compare. Only successes are cached, so a wrong key always
 * pays the full PBKDF2 price (brute force stays slow), and an unknown id runs PBKDF2 against a dummy hash so its
 * timing matches a known id. The cache lives in memory only and never holds the plaintext.
 */
public final class AccessKeyStore {
    static final int ITERATIONS = 100_000;
    static final Duration CACHE_TTL = Duration.ofMinutes(5);
    private static final String FILE_NAME = "access-keys.json";
    private static final int HASH_BITS = 256;
    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final Path file;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();
    private final byte[] cacheSalt = new byte[16];
    private final byte[] dummySalt = new byte[16];
    private final Map<String, StoredKey> keysById = new ConcurrentHashMap<>();
    private final Map<String, CachedCredential> verified = new ConcurrentHashMap<>();

    /** The persisted form of one key. */
    record StoredKey(String accessId, String label, String salt, String hash, int iterations, long createdMillis) {}

    /** The persisted file. */
    record KeyFile(List<StoredKey> keys) {}

    private record CachedCredential(byte[] digest, long expiresMillis) {}

    private AccessKeyStore(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
        random.nextBytes(cacheSalt);
        random.nextBytes(dummySalt);
    }

    /**
     * Opens (or starts empty) the key store in a data directory, creating the directory when needed.
     *
     * @throws LoupeException {@code STORAGE_FAILURE} when the file cannot be read, {@code CORRUPT_DATA} when it is
     *     not valid
     */
    public static AccessKeyStore open(Path dataDirectory, Clock clock) {
        requireNonNull(dataDirectory, "dataDirectory is null");
        AccessKeyStore store = new AccessKeyStore(dataDirectory.resolve(FILE_NAME), requireNonNull(clock, "clock is null"));
        store.load();
        return store;
    }

    /** Creates and persists a new key; the returned plaintext key is not retrievable later. */
    public synchronized CreatedAccessKey createKey(String label) {
        requireNonNull(label, "label is null");
        String accessId = "su" + randomId(12);
        while (keysById.containsKey(accessId)) {
            accessId = "su" + randomId(12);
        }
        byte[] secret = new byte[48];
        random.nextBytes(secret);
        String accessKey = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        byte[] hash = pbkdf2(accessKey, salt, ITERATIONS);
        StoredKey stored = new StoredKey(accessId, label, Base64.getEncoder().encodeToString(salt),
                Base64.getEncoder().encodeToString(hash), ITERATIONS, clock.millis());
        keysById.put(accessId, stored);
        save();
        return new CreatedAccessKey(accessId, accessKey, label);
    }

    /** The existing keys, without secrets, oldest first. */
    public List<AccessKeyInfo> list() {
        List<AccessKeyInfo> infos = new ArrayList<>();
        for (StoredKey stored : keysById.values()) {
            infos.add(new AccessKeyInfo(stored.accessId(), "", stored.label(), stored.createdMillis()));
        }
        infos.sort((left, right) -> Long.compare(left.createdMillis(), right.createdMillis()));
        return List.copyOf(infos);
    }

    /** Whether {@code accessKey} is the key of {@code accessId}. Never throws for bad input; null is false. */
    public boolean verify(String accessId, String accessKey) {
        if (accessId == null || accessKey == null) {
            return false;
        }
        byte[] digest = cacheDigest(accessId, accessKey);
        long now = clock.millis();
        CachedCredential cached = verified.get(accessId);
        if (cached != null && cached.expiresMillis() > now && MessageDigest.isEqual(cached.digest(), digest)) {
            return true;
        }
        StoredKey stored = keysById.get(accessId);
        if (stored == null) {
            pbkdf2(accessKey, dummySalt, ITERATIONS);
            return false;
        }
        byte[] expected = Base64.getDecoder().decode(stored.hash());
        byte[] actual = pbkdf2(accessKey, Base64.getDecoder().decode(stored.salt()), stored.iterations());
        if (!MessageDigest.isEqual(expected, actual)) {
            return false;
        }
        verified.put(accessId, new CachedCredential(digest, now + CACHE_TTL.toMillis()));
        return true;
    }

    private byte[] cacheDigest(String accessId, String accessKey) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(cacheSalt);
            sha256.update((accessId + ":" + accessKey).getBytes(StandardCharsets.UTF_8));
            return sha256.digest();
        } catch (NoSuchAlgorithmException exception) {
            throw new IllegalStateException("the JDK has no SHA-256", exception);
        }
    }

    private static byte[] pbkdf2(String secret, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException exception) {
            throw new IllegalStateException("the JDK has no PBKDF2WithHmacSHA256", exception);
        } finally {
            spec.clearPassword();
        }
    }

    private String randomId(int length) {
        StringBuilder id = new StringBuilder(length);
        for (int index = 0; index < length; index++) {
            id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        KeyFile keyFile;
        try {
            keyFile = mapper.readValue(file.toFile(), KeyFile.class);
        } catch (IOException exception) {
            throw new LoupeException(ErrorCode.CORRUPT_DATA, "cannot read access keys from " + file + ": "
                    + exception.getMessage(), exception);
        }
        if (keyFile.keys() != null) {
            for (StoredKey stored : keyFile.keys()) {
                keysById.put(stored.accessId(), stored);
            }
        }
    }

    private void save() {
        List<StoredKey> keys = new ArrayList<>(keysById.values());
        keys.sort((left, right) -> Long.compare(left.createdMillis(), right.createdMillis()));
        JsonFiles.writeAtomically(mapper, file, new KeyFile(keys));
    }
}
