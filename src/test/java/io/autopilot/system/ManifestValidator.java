package io.autopilot.system;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaContext;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.Keyword;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.keyword.UnknownKeywordFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks Kubernetes manifests offline, roughly as {@code kubectl apply -k} would against a cluster that has
 * Knative and KEDA installed: every YAML document must have a schema (a kind nobody can apply is an error, not
 * a skip), must match it, and every file under a kustomization must be listed in it.
 *
 * <p>Schemas come from the shared materials, never from the repository: Knative/KEDA kinds from their
 * CustomResourceDefinition files, core kinds from the standalone-strict Kubernetes JSON schemas.
 *
 * <p>Documents are also readable without validation ({@link #documents(Path)}) for code that routes by Triggers.
 */
final class ManifestValidator {

    static final String KUSTOMIZE_API_VERSION = "kustomize.config.k8s.io/v1beta1";
    static final String KUSTOMIZATION_KIND = "Kustomization";

    /** Names kustomize itself looks for; a Kustomization under another name is never read by {@code -k}. */
    private static final Set<String> KUSTOMIZATION_FILE_NAMES = Set.of("kustomization.yaml", "kustomization.yml");

    /** Knative Services become host names, so every name here must be a DNS-1123 label (RFC 1123, max 63). */
    private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    /** Top-level fields of kustomize's Kustomization type: a misspelt one is silently ignored by kustomize. */
    private static final Set<String> KUSTOMIZATION_FIELDS = Set.of(
            "apiVersion", "kind", "metadata", "openapi", "namePrefix", "nameSuffix", "namespace", "commonLabels",
            "labels", "commonAnnotations", "patchesStrategicMerge", "patchesJson6902", "patches", "images",
            "replacements", "replicas", "vars", "sortOptions", "resources", "components", "crds",
            "configMapGenerator", "secretGenerator", "generatorOptions", "generators", "transformers", "validators",
            "helmCharts", "helmGlobals", "configurations", "buildMetadata", "bases");

    /** Duplicate keys are rejected by the API server's strict decoding, so they must not pass silently here. */
    private static final ObjectMapper YAML = new ObjectMapper(
            YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One YAML document: its file, its 0-based position in the file's stream, and its content. */
    record Document(Path file, int index, JsonNode node) {

        String apiVersion() {
            return node.path("apiVersion").asText("");
        }

        String kind() {
            return node.path("kind").asText("");
        }

        String name() {
            return node.path("metadata").path("name").asText("");
        }

        boolean is(String apiVersion, String kind) {
            return apiVersion().equals(apiVersion) && kind().equals(kind);
        }
    }

    /** Outcome of a validation run: how many documents were looked at, and what is wrong with them. */
    record Report(int documents, List<String> errors) {
    }

    /** A schema for one apiVersion+kind; CRD schemas leave metadata open, so ObjectMeta is checked on the side. */
    private record SchemaSource(JsonNode jsonSchema, boolean customResource) {
    }

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(kubernetesDraft4());
    private final Map<String, SchemaSource> sources;
    private final Schema objectMeta;
    /** Compiling the big inlined schemas (Deployment, CronJob) costs time: only kinds in use, once each. */
    private final Map<String, Schema> compiled = new HashMap<>();

    private ManifestValidator(Map<String, SchemaSource> sources, JsonNode objectMetaSchema) {
        this.sources = sources;
        this.objectMeta = registry.getSchema(objectMetaSchema);
    }

    /**
     * Draft-04, which the Kubernetes JSON schemas were generated for, told that their {@code x-kubernetes-*}
     * keywords (list-type, patch-strategy, ...) only steer server-side merging: without this the validator logs
     * a warning per keyword. Other unknown keywords keep their default treatment.
     */
    private static Dialect kubernetesDraft4() {
        return Dialect.builder(Dialects.getDraft4())
                .unknownKeywordFactory(ManifestValidator::kubernetesExtension)
                .build();
    }

    private static Keyword kubernetesExtension(String keyword, SchemaContext context) {
        return keyword.startsWith("x-kubernetes-")
                ? new NonValidationKeyword(keyword)
                : UnknownKeywordFactory.getInstance().getKeyword(keyword, context);
    }

    // ---------------------------------------------------------------------------------------------- locations

    /** The repository root: surefire passes it; from the src module's directory it is the parent. */
    static Path repoDir() {
        return Path.of(System.getProperty("autopilot.repo.dir", "..")).toAbsolutePath().normalize();
    }

    /** The shared materials beside the repository (schemas, notes). */
    static Path sharedDir() {
        return Path.of(System.getProperty("autopilot.shared.dir", "../../shared")).toAbsolutePath().normalize();
    }

    // ------------------------------------------------------------------------------------------ reading YAML

    /**
     * Every non-empty document of every YAML file under {@code dir} (or of {@code dir} itself if it is a file),
     * files in path order. Unreadable or invalid YAML throws: a reader must not route on half a manifest.
     */
    static List<Document> documents(Path dir) {
        List<Document> all = new ArrayList<>();
        for (Path file : yamlFiles(dir)) {
            try {
                all.addAll(read(file));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return all;
    }

    /**
     * The non-empty documents of one YAML stream. Reads token by token rather than with a MappingIterator,
     * which would unwrap a top-level list into separate values and hide that the document is not an object.
     */
    static List<Document> read(Path file) throws IOException {
        List<Document> docs = new ArrayList<>();
        try (JsonParser parser = YAML.createParser(file.toFile())) {
            int index = 0;
            while (parser.nextToken() != null) {
                JsonNode node = YAML.readTree(parser);
                if (!isEmptyDocument(node)) {
                    docs.add(new Document(file, index, node));
                }
                index++;
            }
        }
        return docs;
    }

    /** Jackson reports a bare "---" or a trailing separator as an empty string; kubectl skips those. */
    private static boolean isEmptyDocument(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() || (node.isTextual() && node.asText().isEmpty());
    }

    /** The YAML files under {@code dir} (or {@code dir} itself if it is one), sorted; a missing path throws. */
    static List<Path> yamlFiles(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(ManifestValidator::isYaml)
                    .map(p -> p.toAbsolutePath().normalize())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    // ------------------------------------------------------------------------------------------ loading schemas

    /** Loads every schema under {@code schemasDir} (the shared {@code schemas/} folder). */
    static ManifestValidator load(Path schemasDir) {
        if (!Files.isDirectory(schemasDir)) {
            throw new IllegalStateException("no schemas at " + schemasDir + " (set -Dautopilot.shared.dir)");
        }
        Map<String, SchemaSource> sources = new LinkedHashMap<>();
        JsonNode objectMeta = loadKubernetesSchemas(schemasDir.resolve("kubernetes"), sources);
        for (Path crdFile : yamlFiles(schemasDir)) {
            loadCustomResourceDefinitions(crdFile, sources);
        }
        return new ManifestValidator(sources, objectMeta);
    }

    /** Reads the Kubernetes JSON schemas; returns a schema checking only {@code metadata} (ObjectMeta). */
    private static JsonNode loadKubernetesSchemas(Path dir, Map<String, SchemaSource> sources) {
        JsonNode objectMeta = null;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                ObjectNode schema = (ObjectNode) JSON.readTree(file.toFile());
                // "$schema" names no draft ("http://json-schema.org/schema#"): the registry's draft-04 default applies.
                schema.remove("$schema");
                for (JsonNode gvk : schema.path("x-kubernetes-group-version-kind")) {
                    register(sources, apiVersion(gvk.path("group").asText(), gvk.path("version").asText()),
                            gvk.path("kind").asText(), new SchemaSource(schema, false), file);
                }
                if (objectMeta == null && schema.path("properties").has("metadata")) {
                    objectMeta = onlyMetadata(schema.path("properties").path("metadata"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Kubernetes schemas in " + dir, e);
        }
        if (objectMeta == null) {
            throw new IllegalStateException("no Kubernetes schema with an ObjectMeta in " + dir);
        }
        return objectMeta;
    }

    private static JsonNode onlyMetadata(JsonNode objectMetaSchema) {
        ObjectNode wrapper = JSON.createObjectNode().put("type", "object");
        wrapper.putObject("properties").set("metadata", objectMetaSchema);
        return wrapper;
    }

    /** Registers every served version of each CRD in {@code file}; other YAML files in the folder are ignored. */
    private static void loadCustomResourceDefinitions(Path file, Map<String, SchemaSource> sources) {
        List<Document> docs;
        try {
            docs = read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CRD file " + file, e);
        }
        for (Document crd : docs) {
            if (!crd.kind().equals("CustomResourceDefinition")) {
                continue;
            }
            JsonNode spec = crd.node().path("spec");
            for (JsonNode version : spec.path("versions")) {
                if (!version.path("served").asBoolean()) {
                    continue; // the API server refuses unserved versions, so they must not validate here
                }
                JsonNode openApi = version.path("schema").path("openAPIV3Schema");
                if (!openApi.isObject()) {
                    throw new IllegalStateException(file + ": version " + version.path("name") + " has no schema");
                }
                register(sources, apiVersion(spec.path("group").asText(), version.path("name").asText()),
                        spec.path("names").path("kind").asText(), new SchemaSource(toJsonSchema(openApi, true), true),
                        file);
            }
        }
    }

    private static void register(Map<String, SchemaSource> sources, String apiVersion, String kind,
            SchemaSource source, Path file) {
        if (sources.putIfAbsent(typeKey(apiVersion, kind), source) != null) {
            throw new IllegalStateException(file + ": a second schema for " + typeKey(apiVersion, kind));
        }
    }

    private static String apiVersion(String group, String version) {
        return group.isEmpty() ? version : group + "/" + version;
    }

    private static String typeKey(String apiVersion, String kind) {
        return apiVersion + " " + kind;
    }

    /** The "apiVersion kind" pairs this validator has a schema for, e.g. "serving.knative.dev/v1 Service". */
    SortedSet<String> supportedTypes() {
        return new TreeSet<>(sources.keySet());
    }

    // ------------------------------------------------------------------------ OpenAPI v3 -> JSON Schema draft 4

    /**
     * Rewrites a CRD's structural schema into plain draft-04. Walks only schema positions (never the keys of a
     * {@code properties} map), so a field that happens to be called "nullable" is left alone.
     *
     * <p>Unknown fields: the API server (kubectl's default {@code --validate=strict}) rejects a field a structural
     * schema does not declare unless {@code x-kubernetes-preserve-unknown-fields} is set. That is how a typo such
     * as {@code sepc:} gets caught, so such objects get {@code additionalProperties: false}.
     */
    private static ObjectNode toJsonSchema(JsonNode openApi, boolean resourceRoot) {
        ObjectNode out = JSON.createObjectNode();
        for (Map.Entry<String, JsonNode> field : openApi.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            switch (key) {
                case "properties" -> out.set(key, convertValues(value));
                case "items", "additionalProperties", "not" ->
                        out.set(key, value.isObject() ? toJsonSchema(value, false) : value);
                case "allOf", "anyOf", "oneOf" -> out.set(key, convertElements(value));
                case "nullable" -> { } // applied below, once "type" is known
                default -> {
                    if (!key.startsWith("x-kubernetes-")) {
                        out.set(key, value);
                    }
                }
            }
        }
        if (openApi.path("x-kubernetes-int-or-string").asBoolean()) {
            out.set("type", JSON.createArrayNode().add("integer").add("string"));
        }
        if (resourceRoot || openApi.path("x-kubernetes-embedded-resource").asBoolean()) {
            declareTypeMetaFields(out);
        }
        if (rejectsUnknownFields(openApi)) {
            out.put("additionalProperties", false);
        }
        if (openApi.path("nullable").asBoolean()) {
            allowNull(out);
        }
        return out;
    }

    private static ObjectNode convertValues(JsonNode properties) {
        ObjectNode out = JSON.createObjectNode();
        properties.properties().forEach(p -> out.set(p.getKey(), toJsonSchema(p.getValue(), false)));
        return out;
    }

    private static ArrayNode convertElements(JsonNode schemas) {
        ArrayNode out = JSON.createArrayNode();
        schemas.forEach(s -> out.add(toJsonSchema(s, false)));
        return out;
    }

    /** apiVersion, kind and metadata are implicit on every resource even where a CRD does not list them. */
    private static void declareTypeMetaFields(ObjectNode schema) {
        ObjectNode properties = schema.has("properties")
                ? (ObjectNode) schema.get("properties") : schema.putObject("properties");
        if (!properties.has("apiVersion")) {
            properties.putObject("apiVersion").put("type", "string");
        }
        if (!properties.has("kind")) {
            properties.putObject("kind").put("type", "string");
        }
        if (!properties.has("metadata")) {
            properties.putObject("metadata").put("type", "object");
        }
    }

    /** Conservative: only objects that declare their fields; a bare {@code type: object} stays open. */
    private static boolean rejectsUnknownFields(JsonNode openApi) {
        return openApi.has("properties")
                && !openApi.has("additionalProperties")
                && !openApi.path("x-kubernetes-preserve-unknown-fields").asBoolean();
    }

    /** OpenAPI's {@code nullable: true} is draft-04's {@code "null"} among the types (and in the enum). */
    private static void allowNull(ObjectNode schema) {
        JsonNode type = schema.get("type");
        if (type != null && type.isTextual()) {
            schema.set("type", JSON.createArrayNode().add(type.asText()).add("null"));
        } else if (type != null && type.isArray() && !containsText(type, "null")) {
            ((ArrayNode) type).add("null");
        }
        JsonNode values = schema.get("enum");
        if (values != null && values.isArray() && !containsNull(values)) {
            schema.set("enum", ((ArrayNode) values).deepCopy().addNull());
        }
    }

    private static boolean containsText(JsonNode array, String text) {
        for (JsonNode element : array) {
            if (element.asText().equals(text)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsNull(JsonNode array) {
        for (JsonNode element : array) {
            if (element.isNull()) {
                return true;
            }
        }
        return false;
    }

    // --------------------------------------------------------------------------------------------- validating

    /**
     * Validates every YAML file under {@code baseDir/folder} for each folder; file names in the errors are
     * relative to {@code baseDir}. A missing folder is an error: a rename must not turn the check into a no-op.
     */
    Report validate(Path baseDir, String... folders) {
        Path base = baseDir.toAbsolutePath().normalize();
        List<String> errors = new ArrayList<>();
        int documents = 0;
        for (String folder : folders) {
            Path root = base.resolve(folder).normalize();
            if (!Files.isDirectory(root)) {
                errors.add(folder + ": folder does not exist");
                continue;
            }
            documents += validateTree(base, root, errors);
        }
        return new Report(documents, List.copyOf(errors));
    }

    private int validateTree(Path base, Path root, List<String> errors) {
        List<Path> files = yamlFiles(root);
        Map<Path, List<Document>> parsed = new LinkedHashMap<>();
        for (Path file : files) {
            try {
                parsed.put(file, read(file));
            } catch (IOException e) {
                errors.add(relative(base, file) + ": not valid YAML: " + describe(e));
            }
        }
        Map<Path, Set<Path>> listedBy = listedFilesOfKustomizations(parsed);
        int documents = 0;
        for (Map.Entry<Path, List<Document>> entry : parsed.entrySet()) {
            Path file = entry.getKey();
            if (entry.getValue().isEmpty()) {
                errors.add(relative(base, file) + ": contains no YAML document");
            }
            checkListed(base, root, file, listedBy).ifPresent(errors::add);
            for (Document doc : entry.getValue()) {
                documents++;
                String where = relative(base, file) + "#" + doc.index() + " " + label(doc) + ": ";
                check(doc).forEach(message -> errors.add(where + message));
            }
        }
        return documents;
    }

    private static String describe(IOException e) {
        String message = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
        String location = e instanceof JsonProcessingException json && json.getLocation() != null
                ? " (line " + json.getLocation().getLineNr() + ")" : "";
        return String.valueOf(message).replaceAll("\\s+", " ").trim() + location;
    }

    private static String relative(Path base, Path file) {
        return base.relativize(file).toString().replace('\\', '/');
    }

    private static String label(Document doc) {
        String kind = doc.kind().isEmpty() ? "?" : doc.kind();
        String name = doc.name().isEmpty() ? "?" : doc.name();
        return kind + "/" + name;
    }

    /** The messages for one document, without its location prefix. */
    private List<String> check(Document doc) {
        JsonNode node = doc.node();
        if (!node.isObject()) {
            return List.of("document is a " + node.getNodeType().name().toLowerCase() + ", not a mapping");
        }
        if (!node.path("apiVersion").isTextual() || !node.path("kind").isTextual()) {
            return List.of("apiVersion and kind must both be set (strings)");
        }
        if (doc.is(KUSTOMIZE_API_VERSION, KUSTOMIZATION_KIND)) {
            return checkKustomization(doc);
        }
        List<String> messages = new ArrayList<>(checkNames(node.path("metadata")));
        messages.addAll(checkSchema(doc));
        return messages;
    }

    private static List<String> checkNames(JsonNode metadata) {
        List<String> messages = new ArrayList<>();
        JsonNode name = metadata.path("name");
        if (!name.isTextual() || name.asText().isEmpty()) {
            messages.add("metadata.name is missing");
        } else if (!isDnsLabel(name.asText())) {
            messages.add("metadata.name '" + name.asText() + "' is not a DNS-1123 label "
                    + "(lower-case letters, digits and '-', starting and ending alphanumeric, at most 63)");
        }
        JsonNode namespace = metadata.path("namespace");
        if (namespace.isTextual() && !isDnsLabel(namespace.asText())) {
            messages.add("metadata.namespace '" + namespace.asText() + "' is not a DNS-1123 label");
        }
        return messages;
    }

    static boolean isDnsLabel(String value) {
        return value.length() <= 63 && DNS_1123_LABEL.matcher(value).matches();
    }

    private List<String> checkSchema(Document doc) {
        if (doc.apiVersion().equals(RBAC) && CLUSTER_SCOPED_RBAC.contains(doc.kind())) {
            return checkClusterScopedRbac(doc);
        }
        String key = typeKey(doc.apiVersion(), doc.kind());
        SchemaSource source = sources.get(key);
        if (source == null) {
            return List.of("no schema for " + key + " (known: apiVersion+kind of the CRDs and Kubernetes schemas "
                    + "in the shared schemas folder)");
        }
        List<String> messages = new ArrayList<>();
        schemaFor(key, source).validate(doc.node()).forEach(e -> messages.add(format(e)));
        if (source.customResource()) {
            objectMeta.validate(doc.node()).forEach(e -> messages.add(format(e)));
        }
        return messages;
    }

    private static final String RBAC = "rbac.authorization.k8s.io/v1";
    private static final java.util.Set<String> CLUSTER_SCOPED_RBAC = java.util.Set.of("ClusterRole", "ClusterRoleBinding");

    /**
     * The shared schemas have no ClusterRole or ClusterRoleBinding. Their rules, roleRef and subjects have the structure
     * of Role and RoleBinding, so a copy renamed to that kind is validated against that schema; being cluster-scoped,
     * they must not name a namespace.
     */
    private List<String> checkClusterScopedRbac(Document doc) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = (com.fasterxml.jackson.databind.node.ObjectNode) doc.node()
                .deepCopy();
        copy.put("kind", doc.kind().substring("Cluster".length()));
        List<String> messages = new ArrayList<>(checkSchema(new Document(doc.file(), doc.index(), copy)));
        if (doc.node().path("metadata").has("namespace")) {
            messages.add(doc.kind() + " is cluster-scoped: metadata.namespace must not be set");
        }
        return messages;
    }

    private Schema schemaFor(String key, SchemaSource source) {
        return compiled.computeIfAbsent(key, k -> registry.getSchema(source.jsonSchema()));
    }

    private static String format(com.networknt.schema.Error error) {
        String location = error.getInstanceLocation().toString();
        return (location.isEmpty() ? "(root)" : location) + ": " + error.getMessage();
    }

    // ------------------------------------------------------------------------------------------- kustomize

    private static boolean isKustomizationFile(Path file) {
        return KUSTOMIZATION_FILE_NAMES.contains(file.getFileName().toString());
    }

    /** For each kustomization file: the files it pulls in (a listed directory contributes its kustomization). */
    private static Map<Path, Set<Path>> listedFilesOfKustomizations(Map<Path, List<Document>> parsed) {
        Map<Path, Set<Path>> listed = new HashMap<>();
        parsed.forEach((file, docs) -> {
            if (isKustomizationFile(file)) {
                Set<Path> files = new HashSet<>();
                docs.stream().findFirst()
                        .ifPresent(doc -> resourceEntries(doc).forEach(e -> files.add(listedFile(file, e))));
                listed.put(file, files);
            }
        });
        return listed;
    }

    private static List<String> resourceEntries(Document kustomization) {
        List<String> entries = new ArrayList<>();
        kustomization.node().path("resources").forEach(e -> {
            if (e.isTextual()) {
                entries.add(e.asText());
            }
        });
        return entries;
    }

    private static Path listedFile(Path kustomizationFile, String entry) {
        Path target = kustomizationFile.getParent().resolve(entry).normalize();
        return Files.isDirectory(target) ? kustomizationIn(target).orElse(target) : target;
    }

    private static Optional<Path> kustomizationIn(Path dir) {
        return KUSTOMIZATION_FILE_NAMES.stream().map(dir::resolve).filter(Files::isRegularFile).findFirst();
    }

    /**
     * A file below a kustomization that no kustomization above it lists is never applied by
     * {@code kubectl apply -k}: report it on the forgotten file itself, naming the nearest kustomization.
     */
    private static Optional<String> checkListed(Path base, Path root, Path file, Map<Path, Set<Path>> listedBy) {
        Path nearest = null;
        for (Path dir = file.getParent(); dir != null && dir.startsWith(root); dir = dir.getParent()) {
            Optional<Path> kustomization = kustomizationIn(dir).map(p -> p.toAbsolutePath().normalize())
                    .filter(k -> !k.equals(file));
            if (kustomization.isEmpty()) {
                continue;
            }
            if (listedBy.getOrDefault(kustomization.get(), Set.of()).contains(file)) {
                return Optional.empty();
            }
            nearest = nearest == null ? kustomization.get() : nearest;
        }
        return nearest == null ? Optional.empty() : Optional.of(relative(base, file)
                + ": not listed in resources of " + relative(base, nearest) + ", so kubectl apply -k skips it");
    }

    /** kustomize has no schema in the shared folder: check what would make {@code kubectl apply -k} go wrong. */
    private static List<String> checkKustomization(Document doc) {
        List<String> messages = new ArrayList<>();
        if (!isKustomizationFile(doc.file())) {
            messages.add("kustomize only reads a Kustomization from a file named kustomization.yaml");
        }
        doc.node().fieldNames().forEachRemaining(field -> {
            if (!KUSTOMIZATION_FIELDS.contains(field)) {
                messages.add("unknown Kustomization field '" + field + "' (kustomize ignores it)");
            }
        });
        JsonNode resources = doc.node().path("resources");
        if (!resources.isMissingNode() && !resources.isArray()) {
            messages.add("resources must be a list");
            return messages;
        }
        Set<String> seen = new HashSet<>();
        for (JsonNode entry : resources) {
            if (!entry.isTextual()) {
                messages.add("resources entry " + entry + " is not a string");
            } else if (!seen.add(entry.asText())) {
                messages.add("resource '" + entry.asText() + "' is listed twice");
            } else {
                checkResourceEntry(doc.file().getParent(), entry.asText()).ifPresent(messages::add);
            }
        }
        return messages;
    }

    private static Optional<String> checkResourceEntry(Path dir, String entry) {
        Path target = dir.resolve(entry).normalize();
        if (Files.isDirectory(target)) {
            return kustomizationIn(target).isPresent() ? Optional.empty()
                    : Optional.of("resource '" + entry + "' is a folder without a kustomization.yaml");
        }
        if (!Files.isRegularFile(target)) {
            return Optional.of("resource '" + entry + "' does not exist (relative to " + dir.getFileName() + "/)");
        }
        // kustomize's default load restrictor refuses files outside the kustomization's own folder tree.
        return target.startsWith(dir) ? Optional.empty()
                : Optional.of("resource '" + entry + "' lies outside the kustomization's folder; kustomize refuses it");
    }
}
