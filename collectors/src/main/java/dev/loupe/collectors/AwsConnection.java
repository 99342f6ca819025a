package dev.loupe.collectors;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Where and as whom a collector calls AWS. Immutable.
 *
 * @param endpoint the endpoint override (an S3-compatible server, a test server), or empty for the region's AWS
 *     endpoint. With an override, S3 is addressed path-style ({@code http://host/bucket/key}), which every
 *     S3-compatible server understands.
 * @param region the AWS region, e.g. {@code us-east-1}
 * @param accessKeyId static credentials, or empty for the SDK's default chain (environment, system properties,
 *     {@code ~/.aws} profiles, container and instance roles)
 * @param secretAccessKey the secret of {@code accessKeyId}, or empty
 */
public record AwsConnection(String endpoint, String region, String accessKeyId, String secretAccessKey) {
    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(2);

    public AwsConnection {
        requireNonNull(endpoint, "endpoint is null");
        requireNonNull(region, "region is null");
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(secretAccessKey, "secretAccessKey is null");
        if (region.isBlank()) {
            throw new IllegalArgumentException("a region is required, e.g. us-east-1");
        }
        if (accessKeyId.isEmpty() != secretAccessKey.isEmpty()) {
            throw new IllegalArgumentException("give both an access key id and a secret access key, or neither");
        }
        if (!endpoint.isEmpty() && !isUrl(endpoint)) {
            throw new IllegalArgumentException("the endpoint must be a URL such as http://127.0.0.1:9090: " + endpoint);
        }
    }

    private static boolean isUrl(String text) {
        try {
            URI uri = new URI(text);
            return uri.getScheme() != null && uri.getHost() != null;
        } catch (URISyntaxException invalid) {
            return false;
        }
    }

    /** Whether static credentials are configured (else the default chain is used). */
    public boolean hasStaticCredentials() {
        return !accessKeyId.isEmpty();
    }

    /** A new S3 client; the caller closes it. */
    public S3Client s3Client() {
        S3ClientBuilder builder = S3Client.builder()
                .httpClient(httpClient())
                .region(Region.of(region))
                .credentialsProvider(credentials())
                .overrideConfiguration(configuration -> configuration.apiCallTimeout(CALL_TIMEOUT));
        if (!endpoint.isEmpty()) {
            builder.endpointOverride(URI.create(endpoint)).forcePathStyle(true);
        }
        return builder.build();
    }

    /** A new CloudWatch client; the caller closes it. */
    public CloudWatchClient cloudWatchClient() {
        CloudWatchClientBuilder builder = CloudWatchClient.builder()
                .httpClient(httpClient())
                .region(Region.of(region))
                .credentialsProvider(credentials())
                .overrideConfiguration(configuration -> configuration.apiCallTimeout(CALL_TIMEOUT));
        if (!endpoint.isEmpty()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    private static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(Duration.ofSeconds(60))
                .build();
    }

    private AwsCredentialsProvider credentials() {
        return hasStaticCredentials()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey))
                : DefaultCredentialsProvider.builder().build();
    }
}
