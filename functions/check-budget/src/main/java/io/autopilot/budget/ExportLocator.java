package io.autopilot.budget;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.autopilot.events.EventTypes;
import io.autopilot.events.ProblemException;
import io.autopilot.events.ProblemTypes;

/**
 * Reads where an export landed from each trigger's payload: GCS StorageObjectData ({@code bucket}, {@code name}),
 * the S3 EventBridge envelope ({@code detail.bucket.name}, {@code detail.object.key}), Azure BlobCreated
 * ({@code url}) and our own {@code billing.export.landed} ({@code url}). Objects that are not export files
 * (manifests, status markers) are recognised by name and skipped, explicitly.
 */
public final class ExportLocator {

    /** What an event points at: the URI to fetch, or why it is not an export. */
    public record Located(URI uri, String skipped) {

        static Located skip(String why) {
            return new Located(null, why);
        }
    }

    private final String gcsEndpoint;
    private final String s3Endpoint;
    private final String azureEndpoint;
    private final Pattern exportNames;

    /**
     * @param gcsEndpoint base URL objects are read from, {@code https://storage.googleapis.com} in GCP
     * @param s3Endpoint  base URL for path-style S3 reads; blank means AWS's regional endpoint from the event
     * @param exportNames which object names are exports (default: CSV, gzip and Parquet files)
     */
    public ExportLocator(String gcsEndpoint, String s3Endpoint, String exportNames) {
        this(gcsEndpoint, s3Endpoint, "", exportNames);
    }

    /** @param azureEndpoint a blob endpoint besides {@code *.blob.core.windows.net} (Azurite); blank for none */
    public ExportLocator(String gcsEndpoint, String s3Endpoint, String azureEndpoint, String exportNames) {
        this.gcsEndpoint = strip(gcsEndpoint);
        this.s3Endpoint = s3Endpoint == null ? "" : strip(s3Endpoint);
        this.azureEndpoint = azureEndpoint == null ? "" : strip(azureEndpoint);
        this.exportNames = Pattern.compile(exportNames, Pattern.CASE_INSENSITIVE);
    }

    public Located locate(String type, JsonNode data) {
        if (data == null || !data.isObject()) {
            throw new ProblemException(ProblemTypes.invalidField("", type + " needs a JSON object as data"));
        }
        return switch (type) {
            case EventTypes.GCS_OBJECT_FINALIZED -> {
                String bucket = required(data, "/bucket");
                String name = required(data, "/name");
                yield named(name, URI.create(gcsEndpoint + "/" + bucket + "/" + path(name)));
            }
            case EventTypes.S3_OBJECT_CREATED -> {
                String bucket = required(data, "/detail/bucket/name");
                String key = required(data, "/detail/object/key");
                String base = !s3Endpoint.isBlank() ? s3Endpoint
                        : "https://s3." + data.path("region").asText("us-east-1") + ".amazonaws.com";
                yield named(key, URI.create(base + "/" + bucket + "/" + path(key)));
            }
            case EventTypes.AZURE_BLOB_CREATED, EventTypes.BILLING_EXPORT_LANDED -> {
                String url = required(data, "/url");
                URI uri;
                try {
                    uri = URI.create(url);
                } catch (IllegalArgumentException e) {
                    throw new ProblemException(ProblemTypes.invalidField("/url", "not a URL: " + url));
                }
                if (uri.getScheme() == null) {
                    throw new ProblemException(ProblemTypes.invalidField("/url", "the url needs a scheme (https:, "
                            + "s3:, gs: or file:): " + url));
                }
                yield named(uri.getPath() == null ? url : uri.getPath(), uri);
            }
            default -> throw new ProblemException(ProblemTypes.invalidCloudEventHeader("ce-type",
                    "check-budget does not locate exports in " + type + " events"));
        };
    }

    /** Whether an HTTP URL addresses GCS: Google's host or the configured GCS endpoint. */
    public boolean isGcs(URI http) {
        return sameEndpoint(http, "https://storage.googleapis.com") || sameEndpoint(http, gcsEndpoint);
    }

    /** Whether an HTTP URL addresses Azure Blob Storage: an account's blob host or the configured endpoint. */
    public boolean isAzureBlob(URI http) {
        String host = http.getHost() == null ? "" : http.getHost().toLowerCase(java.util.Locale.ROOT);
        return host.endsWith(".blob.core.windows.net") || (!azureEndpoint.isBlank()
                && sameEndpoint(http, azureEndpoint));
    }

    private static boolean sameEndpoint(URI http, String endpoint) {
        URI e = URI.create(endpoint);
        return http.getHost() != null && http.getHost().equalsIgnoreCase(e.getHost()) && http.getPort() == e.getPort();
    }

    /** Whether an HTTP URL addresses S3: an AWS S3 host, or the configured S3-compatible endpoint. */
    public boolean isS3(URI http) {
        String host = http.getHost() == null ? "" : http.getHost().toLowerCase(java.util.Locale.ROOT);
        if (host.endsWith(".amazonaws.com") && (host.startsWith("s3.") || host.startsWith("s3-")
                || host.contains(".s3.") || host.contains(".s3-"))) {
            return true;
        }
        if (s3Endpoint.isBlank()) {
            return false;
        }
        URI endpoint = URI.create(s3Endpoint);
        return host.equalsIgnoreCase(endpoint.getHost()) && http.getPort() == endpoint.getPort();
    }

    /** s3:// and gs:// URLs as the HTTP URLs the configured endpoints serve them from. */
    public URI httpFor(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        return switch (scheme) {
            case "s3" -> URI.create((s3Endpoint.isBlank() ? "https://s3.amazonaws.com" : s3Endpoint) + "/"
                    + uri.getHost() + uri.getRawPath());
            case "gs" -> URI.create(gcsEndpoint + "/" + uri.getHost() + uri.getRawPath());
            default -> uri;
        };
    }

    private Located named(String name, URI uri) {
        if (!exportNames.matcher(name).matches()) {
            return Located.skip("not an export file by name (" + exportNames.pattern() + "): " + name);
        }
        return new Located(uri, null);
    }

    private static String required(JsonNode data, String pointer) {
        JsonNode v = data.at(pointer);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new ProblemException(ProblemTypes.invalidField(pointer, "missing " + pointer + " in the event data"));
        }
        return v.asText();
    }

    /** Object names keep their slashes; everything else is percent-encoded. */
    private static String path(String name) {
        String[] parts = name.split("/", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.append('/');
            }
            out.append(URLEncoder.encode(parts[i], StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return out.toString();
    }

    private static String strip(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    public static Optional<String> extension(String path) {
        String p = path.toLowerCase(java.util.Locale.ROOT);
        for (String ext : new String[] { ".csv.gz", ".csv", ".parquet", ".gz" }) {
            if (p.endsWith(ext)) {
                return Optional.of(ext);
            }
        }
        return Optional.empty();
    }
}
