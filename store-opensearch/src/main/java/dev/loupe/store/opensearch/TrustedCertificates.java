package dev.loupe.store.opensearch;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS trust for a cluster whose certificates are signed by a private authority (OpenSearch's demo certificates,
 * a company CA): an {@link SSLContext} that trusts exactly the certificates of a PEM file. Stateless.
 */
public final class TrustedCertificates {
    private TrustedCertificates() {}

    /**
     * An SSL context trusting the X.509 certificates in {@code pemFile} (one or more {@code BEGIN CERTIFICATE}
     * blocks), and nothing else.
     *
     * @throws LoupeException {@code INVALID_INPUT} naming the file when it cannot be read or holds no certificate
     */
    public static SSLContext fromPem(Path pemFile) {
        try (InputStream in = Files.newInputStream(pemFile)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new LoupeException(ErrorCode.INVALID_INPUT, "no certificate in " + pemFile);
            }
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int index = 0;
            for (Certificate certificate : certificates) {
                trusted.setCertificateEntry("trusted-" + index++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException failure) {
            throw new LoupeException(ErrorCode.INVALID_INPUT, "cannot read the certificates in " + pemFile + ": "
                    + failure.getMessage(), failure);
        }
    }
}
