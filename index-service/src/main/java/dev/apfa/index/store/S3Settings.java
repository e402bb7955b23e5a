package dev.apfa.index.store;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code apfa.index.s3.*}: the S3 artifact store is used when {@code bucket} is set. {@code endpoint}
 * points at MinIO or another S3-protocol server (empty = AWS). Credentials come from the AWS default
 * chain unless {@code access-key}/{@code secret-key} are given (environment only, never in the repo).
 */
@ConfigurationProperties("apfa.index.s3")
public record S3Settings(String bucket, String endpoint, String region, boolean pathStyle, String accessKey,
                         String secretKey) {

    public boolean enabled() {
        return bucket != null && !bucket.isBlank();
    }
}
