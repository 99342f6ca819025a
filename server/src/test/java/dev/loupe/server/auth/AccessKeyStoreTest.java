package dev.loupe.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.server.ApiException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessKeyStoreTest {
    @TempDir
    Path dataDirectory;

    @Test
    void keysAreHashedPersistedAndVerified() throws Exception {
        AccessKeyStore store = AccessKeyStore.open(dataDirectory, Clock.systemUTC());
        CreatedAccessKey created = store.createKey("ci");
        assertThat(store.verify(created.accessId(), created.accessKey())).isTrue();
        assertThat(store.verify(created.accessId(), created.accessKey())).isTrue();
        assertThat(store.verify(created.accessId(), "wrong")).isFalse();
        assertThat(store.verify("unknown", created.accessKey())).isFalse();
        assertThat(Files.readString(dataDirectory.resolve("access-keys.json"))).doesNotContain(created.accessKey());
        assertThat(created.toString()).doesNotContain(created.accessKey());

        AccessKeyStore reopened = AccessKeyStore.open(dataDirectory, Clock.systemUTC());
        assertThat(reopened.verify(created.accessId(), created.accessKey())).isTrue();
        assertThat(reopened.list()).extracting(AccessKeyInfo::label).containsExactly("ci");
    }

    @Test
    void basicAuthenticator() {
        AccessKeyStore store = AccessKeyStore.open(dataDirectory, Clock.systemUTC());
        CreatedAccessKey created = store.createKey("ci");
        BasicAuthenticator authenticator = new BasicAuthenticator(store);
        String header = "Basic " + Base64.getEncoder().encodeToString((created.accessId() + ":" + created.accessKey())
                .getBytes(StandardCharsets.UTF_8));
        assertThat(authenticator.authenticate(header)).isEqualTo(created.accessId());
        assertThatThrownBy(() -> authenticator.authenticate(null)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> authenticator.authenticate("Bearer abc")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> authenticator.authenticate("Basic !!!")).isInstanceOf(ApiException.class);
    }
}
