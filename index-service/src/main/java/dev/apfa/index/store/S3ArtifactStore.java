package dev.apfa.index.store;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deployment artifact store: S3 (or MinIO and other S3-protocol servers) through the AWS SDK.
 * Object PUTs are atomic, so a reader sees a file whole or not at all; the manifest goes last.
 */
public class S3ArtifactStore implements ArtifactStore {

    private static final Pattern VERSION_PREFIX = Pattern.compile(".*/v(\\d{1,9})/");

    private final S3Client s3;
    private final String bucket;

    public S3ArtifactStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public URI publish(String indexName, int version, List<Path> files, Path manifest) {
        String prefix = ArtifactStore.prefix(indexName, version);
        try {
            for (Path file : files) {
                put(prefix + file.getFileName(), file);
            }
            put(prefix + MANIFEST, manifest);
            return URI.create("s3://" + bucket + "/" + prefix);
        } catch (S3Exception e) {
            throw new ArtifactStoreException("cannot publish " + prefix + " to bucket " + bucket, e);
        }
    }

    @Override
    public List<Integer> versions(String indexName) {
        try {
            return s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket)
                            .prefix("indexes/" + indexName + "/").delimiter("/").build())
                    .commonPrefixes().stream()
                    .map(CommonPrefix::prefix)
                    .map(VERSION_PREFIX::matcher)
                    .filter(Matcher::matches)
                    .map(m -> Integer.parseInt(m.group(1)))
                    .filter(v -> exists(ArtifactStore.prefix(indexName, v) + MANIFEST))
                    .sorted()
                    .toList();
        } catch (S3Exception e) {
            throw new ArtifactStoreException("cannot list versions of " + indexName, e);
        }
    }

    @Override
    public void download(String indexName, int version, String fileName, Path target) {
        String key = ArtifactStore.prefix(indexName, version) + fileName;
        try {
            Files.deleteIfExists(target);
            s3.getObject(b -> b.bucket(bucket).key(key), ResponseTransformer.toFile(target));
        } catch (NoSuchKeyException e) {
            throw new ArtifactNotFoundException(key + " does not exist");
        } catch (S3Exception | IOException e) {
            throw new ArtifactStoreException("cannot read " + key, e);
        }
    }

    @Override
    public Optional<Integer> activeVersion(String indexName) {
        String key = "indexes/" + indexName + "/ACTIVE";
        try {
            String value = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String().trim();
            return Optional.of(Integer.parseInt(value));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception | NumberFormatException e) {
            throw new ArtifactStoreException("cannot read the active version of " + indexName, e);
        }
    }

    @Override
    public void recordActiveVersion(String indexName, int version) {
        String key = "indexes/" + indexName + "/ACTIVE";
        try {
            s3.putObject(b -> b.bucket(bucket).key(key),
                    RequestBody.fromString(Integer.toString(version), StandardCharsets.UTF_8));
        } catch (S3Exception e) {
            throw new ArtifactStoreException("cannot record the active version of " + indexName, e);
        }
    }

    @Override
    public void delete(String indexName, int version) {
        String prefix = ArtifactStore.prefix(indexName, version);
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(prefix + MANIFEST));
            s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build())
                    .contents().forEach(object -> s3.deleteObject(b -> b.bucket(bucket).key(object.key())));
        } catch (S3Exception e) {
            throw new ArtifactStoreException("cannot delete " + prefix + " from bucket " + bucket, e);
        }
    }

    private void put(String key, Path file) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file));
    }

    private boolean exists(String key) {
        try {
            s3.headObject(HeadObjectRequest.builder().bucket(bucket).key(key).build());
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }
}
