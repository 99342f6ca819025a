package dev.loupe.server;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

/**
 * The certificate the server presents when it serves HTTPS: a PEM certificate chain (the server's certificate
 * first, then intermediates, as Let's Encrypt and most CAs deliver it) and its unencrypted PEM private key in
 * PKCS#8 form ({@code -----BEGIN PRIVATE KEY-----}; RSA, EC or Ed25519). An older PKCS#1 key
 * ({@code BEGIN RSA PRIVATE KEY}) is refused with the {@code openssl pkcs8 -topk8 -nocrypt} command that converts
 * it.
 *
 * <p>{@link #keyStore()} reads both files each time it is called (at server start) and fails with
 * {@code INVALID_INPUT} naming the file when one is missing or malformed, so a bad configuration stops the server
 * before it listens rather than serving plain HTTP.
 *
 * @param certificateChainFile the PEM certificate chain
 * @param privateKeyFile the PEM PKCS#8 private key of the first certificate
 */
public record TlsCertificate(Path certificateChainFile, Path privateKeyFile) {
    /** The alias of the one entry of {@link #keyStore()}. */
    public static final String ALIAS = "loupe";
    /** The password of the in-memory key store and its entry (never written anywhere). */
    static final String IN_MEMORY_PASSWORD = "loupe-in-memory";

    private static final String PKCS8_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PKCS8_END = "-----END PRIVATE KEY-----";
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "EdDSA");

    public TlsCertificate {
        requireNonNull(certificateChainFile, "certificateChainFile is null");
        requireNonNull(privateKeyFile, "privateKeyFile is null");
    }

    /**
     * An in-memory PKCS#12 key store with one entry, {@value #ALIAS}: the private key and the chain.
     *
     * @throws LoupeException {@code INVALID_INPUT} naming the file that cannot be read or parsed
     */
    public KeyStore keyStore() {
        Certificate[] chain = certificateChain();
        PrivateKey key = privateKey();
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, key, IN_MEMORY_PASSWORD.toCharArray(), chain);
            return store;
        } catch (GeneralSecurityException | IOException failure) {
            throw invalid(privateKeyFile, "the key does not go with the certificate chain of " + certificateChainFile
                    + " (" + failure.getMessage() + ")");
        }
    }

    private Certificate[] certificateChain() {
        try (InputStream input = Files.newInputStream(certificateChainFile)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(input);
            if (certificates.isEmpty()) {
                throw invalid(certificateChainFile, "it holds no PEM certificate");
            }
            return certificates.toArray(Certificate[]::new);
        } catch (IOException | GeneralSecurityException failure) {
            throw invalid(certificateChainFile, "it is not a PEM certificate chain (" + failure.getMessage() + ")");
        }
    }

    private PrivateKey privateKey() {
        String text;
        try {
            text = Files.readString(privateKeyFile, StandardCharsets.US_ASCII);
        } catch (IOException failure) {
            throw invalid(privateKeyFile, "it cannot be read (" + failure.getMessage() + ")");
        }
        if (text.contains("BEGIN RSA PRIVATE KEY") || text.contains("BEGIN EC PRIVATE KEY")) {
            throw invalid(privateKeyFile, "it is a PKCS#1/SEC1 key; convert it with "
                    + "'openssl pkcs8 -topk8 -nocrypt -in OLD -out NEW'");
        }
        int begin = text.indexOf(PKCS8_BEGIN);
        int end = text.indexOf(PKCS8_END);
        if (begin < 0 || end < begin) {
            throw invalid(privateKeyFile, "it holds no unencrypted '" + PKCS8_BEGIN + "' block");
        }
        byte[] encoded;
        try {
            encoded = Base64.getMimeDecoder().decode(text.substring(begin + PKCS8_BEGIN.length(), end));
        } catch (IllegalArgumentException failure) {
            throw invalid(privateKeyFile, "its PEM block is not base64");
        }
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(encoded));
            } catch (GeneralSecurityException notThisAlgorithm) {
                // the PKCS#8 header names the algorithm, but KeyFactory needs it up front: try the next one
            }
        }
        throw invalid(privateKeyFile, "it is not an RSA, EC or Ed25519 PKCS#8 key");
    }

    private static LoupeException invalid(Path file, String reason) {
        return new LoupeException(ErrorCode.INVALID_INPUT, "cannot use " + file + " for TLS: " + reason);
    }
}
