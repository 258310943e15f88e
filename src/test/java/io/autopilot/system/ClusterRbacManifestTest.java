package io.autopilot.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The cluster-scoped RBAC in {@code knative/<function>/200-clusterrbac.yaml}. ManifestSchemaTest validates its
 * structure (against the Role / RoleBinding schemas: the shared schemas have no cluster-scoped kinds); this test holds
 * it to least privilege: no wildcard verbs, resources or API groups, and every subject is a ServiceAccount the
 * {@code knative/} manifests define, in the namespace the kustomization deploys to.
 */
class ClusterRbacManifestTest {

    @Test
    void clusterRolesHaveNoWildcardsAndBindOnlyOurServiceAccounts() {
        List<ManifestValidator.Document> docs = ManifestValidator.documents(ManifestValidator.repoDir().resolve("knative"));
        Set<String> serviceAccounts = new HashSet<>();
        for (ManifestValidator.Document doc : docs) {
            if (doc.kind().equals("ServiceAccount")) {
                serviceAccounts.add("autopilot/" + doc.node().path("metadata").path("name").asText());
            }
        }
        List<String> problems = new ArrayList<>();
        int documents = 0;
        for (ManifestValidator.Document doc : docs) {
            if (!doc.kind().equals("ClusterRole") && !doc.kind().equals("ClusterRoleBinding")) {
                continue;
            }
            documents++;
            String where = doc.file().getParent().getFileName() + "/" + doc.file().getFileName() + "#" + doc.index();
            for (JsonNode subject : doc.node().path("subjects")) {
                String sa = subject.path("namespace").asText() + "/" + subject.path("name").asText();
                if (!subject.path("kind").asText().equals("ServiceAccount") || !serviceAccounts.contains(sa)) {
                    problems.add(where + ": subject " + subject + " is not one of our ServiceAccounts");
                }
            }
            for (JsonNode rule : doc.node().path("rules")) {
                for (String field : new String[] { "verbs", "resources", "apiGroups" }) {
                    rule.path(field).forEach(v -> {
                        if (v.asText().equals("*")) {
                            problems.add(where + ": wildcard in " + field);
                        }
                    });
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(documents >= 4, "cluster RBAC documents: " + documents);
    }
}
