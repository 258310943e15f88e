package io.autopilot.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The cluster-scoped RBAC in {@code rbac/cluster/} (outside {@code knative/}: see rbac/README.md). The shared schemas
 * have no ClusterRole or ClusterRoleBinding, so each document is validated against the Role / RoleBinding schema,
 * whose rules, roleRef and subjects have the same structure, after renaming its kind; and every subject must be a
 * ServiceAccount the {@code knative/} manifests define, in the namespace the kustomization deploys to.
 */
class ClusterRbacManifestTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void clusterRolesAndBindingsMatchTheRoleSchemasAndBindOnlyOurServiceAccounts(@TempDir Path tmp) throws IOException {
        Path source = ManifestValidator.repoDir().resolve("rbac/cluster");
        Path copy = Files.createDirectories(tmp.resolve("rbac"));
        Set<String> serviceAccounts = new HashSet<>();
        for (ManifestValidator.Document doc : ManifestValidator.documents(ManifestValidator.repoDir().resolve("knative"))) {
            if (doc.node().path("kind").asText().equals("ServiceAccount")) {
                serviceAccounts.add("autopilot/" + doc.node().path("metadata").path("name").asText());
            }
        }
        List<String> problems = new ArrayList<>();
        int documents = 0;
        for (Path file : ManifestValidator.yamlFiles(source)) {
            StringBuilder renamed = new StringBuilder();
            for (ManifestValidator.Document doc : ManifestValidator.read(file)) {
                ObjectNode node = (ObjectNode) doc.node().deepCopy();
                String kind = node.path("kind").asText();
                assertTrue(kind.equals("ClusterRole") || kind.equals("ClusterRoleBinding"), file + ": " + kind);
                node.put("kind", kind.substring("Cluster".length()));
                for (JsonNode subject : node.path("subjects")) {
                    String sa = subject.path("namespace").asText() + "/" + subject.path("name").asText();
                    if (!subject.path("kind").asText().equals("ServiceAccount") || !serviceAccounts.contains(sa)) {
                        problems.add(file.getFileName() + ": subject " + subject + " is not one of our ServiceAccounts");
                    }
                }
                for (JsonNode rule : node.path("rules")) {
                    for (String field : new String[] { "verbs", "resources", "apiGroups" }) {
                        rule.path(field).forEach(v -> {
                            if (v.asText().equals("*")) {
                                problems.add(file.getFileName() + ": wildcard in " + field);
                            }
                        });
                    }
                }
                renamed.append("---\n").append(YAML.writeValueAsString(node));
                documents++;
            }
            Files.writeString(copy.resolve(file.getFileName()), renamed.toString());
        }
        ManifestValidator.Report report = ManifestValidator.load(ManifestValidator.sharedDir().resolve("schemas"))
                .validate(tmp, "rbac");
        problems.addAll(report.errors());
        assertEquals(List.of(), problems);
        assertEquals(documents, report.documents());
        assertTrue(documents >= 5, "cluster RBAC documents: " + documents);
    }
}
