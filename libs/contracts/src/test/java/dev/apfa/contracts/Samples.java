package dev.apfa.contracts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads the sample events under {@code src/test/resources/samples/}. */
final class Samples {

    /** {@code <type>.json} or {@code <type>--<variant>.json}. */
    static final String VARIANT_SEPARATOR = "--";

    private Samples() {
    }

    static List<Path> valid() {
        return list("samples/valid");
    }

    static List<Path> invalid() {
        return list("samples/invalid");
    }

    /** The event type a valid sample's file name claims. */
    static String typeOf(Path sample) {
        String name = sample.getFileName().toString().replaceFirst("\\.json$", "");
        int variant = name.indexOf(VARIANT_SEPARATOR);
        return variant < 0 ? name : name.substring(0, variant);
    }

    static String read(Path sample) {
        try {
            return Files.readString(sample, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** File name → text that one of the reported errors must contain. */
    static Map<String, String> expectedErrors() {
        Map<String, String> expected = new LinkedHashMap<>();
        for (String line : read(directory("samples/invalid").resolve("expected-errors.tsv")).split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\t", 2);
            if (expected.put(parts[0], parts[1]) != null) {
                throw new IllegalStateException("listed twice in expected-errors.tsv: " + parts[0]);
            }
        }
        return expected;
    }

    private static List<Path> list(String resource) {
        try (Stream<Path> files = Files.list(directory(resource))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path directory(String resource) {
        URL url = Samples.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException("missing test resource " + resource);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
