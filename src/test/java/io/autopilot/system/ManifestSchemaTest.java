package io.autopilot.system;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The manifests under knative/ and keda/ are what a cluster will be given: they must match the Knative, KEDA and
 * Kubernetes schemas from the shared materials, and the validator must be shown to catch broken ones.
 */
class ManifestSchemaTest {

    /** Documents under knative/ and keda/ when this test was written; fewer means some went unread. */
    private static final int MIN_REPO_DOCUMENTS = 6;

    private static ManifestValidator validator;

    @BeforeAll
    static void loadSchemas() {
        validator = ManifestValidator.load(ManifestValidator.sharedDir().resolve("schemas"));
    }

    @Test
    void everyManifestUnderKnativeAndKedaMatchesItsSchema() {
        ManifestValidator.Report report = validator.validate(ManifestValidator.repoDir(), "knative", "keda");

        System.out.printf("ManifestSchemaTest: validated %d documents under knative/ and keda/%n", report.documents());
        assertTrue(report.errors().isEmpty(), () -> "manifest errors:\n" + String.join("\n", report.errors()));
        assertTrue(report.documents() >= MIN_REPO_DOCUMENTS,
                () -> "validated only " + report.documents() + " documents, expected at least " + MIN_REPO_DOCUMENTS);
    }

    @Test
    void acceptsAValidManifestOfEachSupportedKind() {
        ManifestValidator.Report report = validator.validate(fixtures(), "valid");

        assertTrue(report.errors().isEmpty(),
                () -> "errors in valid samples:\n" + String.join("\n", report.errors()));
        // A schema added to the shared folder without a sample here would go untested against real manifests.
        Set<String> sampled = ManifestValidator.documents(fixtures().resolve("valid")).stream()
                .map(doc -> doc.apiVersion() + " " + doc.kind())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(validator.supportedTypes(), sampled);
    }

    @Test
    void rejectsBrokenManifests() {
        List<String> errors = validator.validate(fixtures(), "broken").errors();
        System.out.println("ManifestSchemaTest: errors found in broken samples:\n  " + String.join("\n  ", errors));

        assertAll(concat(everyFileHasAnError(errors),
                expect(errors, "broken/trigger-broker-not-a-string.yaml#0 Trigger/broker-is-a-number:",
                        "/spec/broker: integer found, string expected"),
                expect(errors, "broken/trigger-misspelt-spec.yaml#0 Trigger/misspelt-spec:",
                        "(root): property 'sepc' is not defined"),
                expect(errors, "broken/knative-service-concurrency-not-a-number.yaml#0 Service/concurrency-is-a-word:",
                        "/spec/template/spec/containerConcurrency: string found, integer expected"),
                expect(errors, "broken/scaledobject-without-target.yaml#0 ScaledObject/nothing-to-scale:",
                        "/spec: required property 'scaleTargetRef' not found"),
                expect(errors, "broken/scaledobject-without-target.yaml#0 ScaledObject/nothing-to-scale:",
                        "/spec/minReplicaCount: string found, integer expected"),
                expect(errors, "broken/deployment-misspelt-field.yaml#0 Deployment/misspelt-replicas:",
                        "/spec: property 'replicaz' is not defined"),
                expect(errors, "broken/kinds-without-schema.yaml#0 Widget/widget:",
                        "no schema for example.invalid/v1 Widget"),
                expect(errors, "broken/kinds-without-schema.yaml#1 Service/old-api-version:",
                        "no schema for serving.knative.dev/v1alpha1 Service"),
                expect(errors, "broken/bad-metadata.yaml#0 ServiceAccount/Ingest_Alerts:",
                        "metadata.name 'Ingest_Alerts' is not a DNS-1123 label"),
                expect(errors, "broken/bad-metadata.yaml#1 Broker/?:", "metadata.name is missing"),
                expect(errors, "broken/bad-metadata.yaml#1 Broker/?:",
                        "/metadata/annotations/example.invalid~1retries: integer found, [string, null] expected"),
                expect(errors, "broken/duplicate-key.yaml:", "not valid YAML: Duplicate field 'data'"),
                expect(errors, "broken/kustomize/kustomization.yaml#0 Kustomization/?:",
                        "resource 'missing.yaml' does not exist"),
                expect(errors, "broken/kustomize/kustomization.yaml#0 Kustomization/?:",
                        "resource '../deployment-misspelt-field.yaml' lies outside the kustomization's folder"),
                expect(errors, "broken/kustomize/kustomization.yaml#0 Kustomization/?:",
                        "unknown Kustomization field 'namespce'"),
                expect(errors, "broken/kustomize/forgotten.yaml:",
                        "not listed in resources of broken/kustomize/kustomization.yaml")));
    }

    @Test
    void readsEveryDocumentOfAMultiDocumentFileWithItsIndex() throws IOException {
        List<ManifestValidator.Document> docs =
                ManifestValidator.read(fixtures().resolve("broken/kinds-without-schema.yaml"));

        assertEquals(List.of("0 Widget/widget", "1 Service/old-api-version"),
                docs.stream().map(doc -> doc.index() + " " + doc.kind() + "/" + doc.name()).toList());
    }

    /** Every broken sample must fail on its own account, not merely sit beside one that does. */
    private static Executable[] everyFileHasAnError(List<String> errors) {
        Path base = fixtures();
        return ManifestValidator.yamlFiles(base.resolve("broken")).stream()
                .map(file -> base.relativize(file).toString().replace('\\', '/'))
                .map(name -> (Executable) () -> assertTrue(
                        errors.stream().anyMatch(e -> e.startsWith(name + "#") || e.startsWith(name + ":")),
                        name + " yielded no error"))
                .toArray(Executable[]::new);
    }

    private static Executable expect(List<String> errors, String prefix, String fragment) {
        Predicate<String> matches = e -> e.startsWith(prefix) && e.contains(fragment);
        return () -> assertTrue(errors.stream().anyMatch(matches),
                () -> "expected an error starting '" + prefix + "' containing '" + fragment + "'");
    }

    private static Executable[] concat(Executable[] first, Executable... rest) {
        Executable[] all = Arrays.copyOf(first, first.length + rest.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }

    /** The copied test resources (target/test-classes/manifests). */
    private static Path fixtures() {
        try {
            return Path.of(ManifestSchemaTest.class.getResource("/manifests").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
