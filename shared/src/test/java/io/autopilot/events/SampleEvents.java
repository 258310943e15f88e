package io.autopilot.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The canonical sample events, shipped once in this module's test-jar and read by every module's tests:
 * {@code events/<ce-type>/valid-*.json} and {@code fail-*.json}, structured-mode envelopes.
 */
public final class SampleEvents {

    /**
     * Prefix of failing samples that are not even valid CloudEvents (the broker refuses them at its ingress); other
     * {@code fail-*} samples are valid events whose data their consumer must refuse.
     */
    public static final String ENVELOPE_FAILURE = "fail-envelope-";

    private SampleEvents() {
    }

    /** One sample file: the event type directory it lives in, its file name and its raw bytes. */
    public record Sample(String type, String name, byte[] bytes) {

        public boolean valid() {
            return name.startsWith("valid-");
        }

        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return type + "/" + name;
        }
    }

    /** The raw bytes of {@code events/<type>/<name>}. */
    public static byte[] bytes(String type, String name) {
        return resource("events/" + type + "/" + name);
    }

    public static String text(String type, String name) {
        return new String(bytes(type, name), StandardCharsets.UTF_8);
    }

    /** Every sample of every type, sorted by type then name. */
    public static List<Sample> all() {
        List<Sample> samples = new ArrayList<>();
        for (Path typeDir : list("events")) {
            String type = typeDir.getFileName().toString().replace("/", "");
            for (Path file : list("events/" + type)) {
                String name = file.getFileName().toString();
                samples.add(new Sample(type, name, bytes(type, name)));
            }
        }
        return samples;
    }

    public static List<Sample> ofType(String type) {
        return all().stream().filter(s -> s.type().equals(type)).toList();
    }

    /** Any test resource of the shared test-jar, e.g. {@code alertmanager/webhook-firing.json}. */
    public static byte[] resource(String path) {
        try (InputStream in = SampleEvents.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no shared test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lists a resource directory whether the test-jar is a folder (own module) or a jar (other modules). */
    static List<Path> list(String directory) {
        URL url = SampleEvents.class.getClassLoader().getResource(directory);
        if (url == null) {
            throw new IllegalArgumentException("no shared test resource directory " + directory);
        }
        try {
            URI uri = url.toURI();
            Path dir = "jar".equals(uri.getScheme()) ? jarFileSystem(uri).provider().getPath(uri) : Path.of(uri);
            try (Stream<Path> entries = Files.list(dir)) {
                return entries.sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                        .filter(p -> !p.getFileName().toString().equals("README.md"))
                        .toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static FileSystem jarFileSystem(URI uri) throws IOException {
        try {
            return FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            return FileSystems.getFileSystem(uri);
        }
    }
}
