package dev.apfa.index.serving;

public class VersionNotFoundException extends RuntimeException {

    public VersionNotFoundException(String indexName, int version) {
        super("index " + indexName + " has no version " + version);
    }
}
