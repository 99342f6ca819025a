package dev.loupe.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.core.LoupeException;
import dev.loupe.server.MutableClock;
import dev.loupe.server.persistence.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserDirectoryTest {
    @TempDir
    Path dataDirectory;
    private final MutableClock clock = new MutableClock(1_000_000L);
    private final SecretHasher hasher = new SecretHasher(4);

    @Test
    void firstAdministratorIsCreatedOnce() {
        try (Database database = Database.open(dataDirectory)) {
            UserDirectory users = UserDirectory.open(database, dataDirectory, clock, hasher);
            Optional<UserDirectory.FirstAdministrator> first = users.createFirstAdministrator();
            assertThat(first).isPresent();
            assertThat(first.get().user().role()).isEqualTo(Role.ADMINISTRATOR);
            assertThat(users.verifyKey(first.get().key().accessId(), first.get().key().accessKey()))
                    .contains(first.get().user());
            assertThat(users.verifyPassword(UserDirectory.FIRST_ADMINISTRATOR, first.get().password()))
                    .contains(first.get().user());
            assertThat(users.createFirstAdministrator()).isEmpty();
        }
    }

    @Test
    void keysAndPasswordsVerifyAndWrongOnesDoNot() {
        try (Database database = Database.open(dataDirectory)) {
            UserDirectory users = UserDirectory.open(database, dataDirectory, clock, hasher);
            User ann = users.createUser("ann", "ann@example.com", Role.USER, "correct horse");
            CreatedAccessKey key = users.createKey(ann.id(), "laptop");
            assertThat(users.verifyKey(key.accessId(), key.accessKey())).contains(ann);
            assertThat(users.verifyKey(key.accessId(), key.accessKey())).as("cached").contains(ann);
            assertThat(users.verifyKey(key.accessId(), key.accessKey() + "x")).isEmpty();
            assertThat(users.verifyKey("suNoSuchId", key.accessKey())).isEmpty();
            assertThat(users.verifyKey(null, null)).isEmpty();
            assertThat(users.verifyPassword("ann", "correct horse")).contains(ann);
            assertThat(users.verifyPassword("ann", "wrong")).isEmpty();
            assertThat(users.verifyPassword("bob", "correct horse")).isEmpty();
            assertThat(users.keys(ann.id())).extracting(AccessKeyInfo::label).containsExactly("laptop");
            assertThat(users.deleteKey(key.accessId())).isTrue();
            assertThat(users.verifyKey(key.accessId(), key.accessKey())).as("deleted, even though cached").isEmpty();
        }
    }

    @Test
    void namesAreUnique() {
        try (Database database = Database.open(dataDirectory)) {
            UserDirectory users = UserDirectory.open(database, dataDirectory, clock, hasher);
            users.createUser("ann", null, Role.USER, null);
            assertThatThrownBy(() -> users.createUser(" ann ", null, Role.ADMINISTRATOR, null))
                    .isInstanceOf(LoupeException.class).hasMessageContaining("already exists");
        }
    }

    @Test
    void legacyAccessKeysJsonIsImportedAndItsKeysStayValid() throws Exception {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        String plaintext = "legacy-secret-key";
        PBEKeySpec spec = new PBEKeySpec(plaintext.toCharArray(), salt, 1000, 256);
        byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        Files.writeString(dataDirectory.resolve("access-keys.json"), "{\"keys\":[{\"accessId\":\"suLegacy0001\","
                + "\"label\":\"administrator\",\"salt\":\"" + Base64.getEncoder().encodeToString(salt) + "\",\"hash\":\""
                + Base64.getEncoder().encodeToString(hash) + "\",\"iterations\":1000,\"createdMillis\":5}]}",
                StandardCharsets.UTF_8);
        try (Database database = Database.open(dataDirectory)) {
            UserDirectory users = UserDirectory.open(database, dataDirectory, clock, hasher);
            Optional<User> owner = users.verifyKey("suLegacy0001", plaintext);
            assertThat(owner).isPresent();
            assertThat(owner.get().name()).isEqualTo(UserDirectory.FIRST_ADMINISTRATOR);
            assertThat(owner.get().role()).isEqualTo(Role.ADMINISTRATOR);
            assertThat(users.verifyKey("suLegacy0001", "wrong")).isEmpty();
            assertThat(users.createFirstAdministrator()).as("the imported owner is the first administrator").isEmpty();
        }
        assertThat(dataDirectory.resolve("access-keys.json")).doesNotExist();
        assertThat(dataDirectory.resolve("access-keys.json.migrated")).exists();
        try (Database database = Database.open(dataDirectory)) {
            UserDirectory users = UserDirectory.open(database, dataDirectory, clock, hasher);
            assertThat(users.verifyKey("suLegacy0001", plaintext)).isPresent();
            assertThat(users.keys(null)).hasSize(1);
        }
    }
}
