package io.autopilot.remediation;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Objects seeded into the mock API server. */
final class Fixtures {

    private Fixtures() {
    }

    static Deployment deployment(KubernetesClient c, String ns, String name, int replicas, String maxUnavailable) {
        Deployment d = new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxUnavailable(maxUnavailable.matches("\\d+") ? new IntOrString(Integer.parseInt(maxUnavailable))
                        : new IntOrString(maxUnavailable))
                .endRollingUpdate().endStrategy()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata().withNewSpec()
                .addNewContainer().withName(name).withImage("registry.example/" + name + ":v2").withNewResources()
                .addToRequests("cpu", new io.fabric8.kubernetes.api.model.Quantity("1")).endResources()
                .endContainer().endSpec().endTemplate().endSpec()
                .withNewStatus().withReadyReplicas(replicas).endStatus().build();
        c.apps().deployments().inNamespace(ns).resource(d).create();
        return c.apps().deployments().inNamespace(ns).withName(name).get();
    }

    /** Two revisions of a Deployment's ReplicaSets: v1 (revision 1) and v2 (revision 2, current). */
    static void revisions(KubernetesClient c, Deployment d) {
        String ns = d.getMetadata().getNamespace(), name = d.getMetadata().getName();
        for (int rev = 1; rev <= 2; rev++) {
            c.apps().replicaSets().inNamespace(ns).resource(new ReplicaSetBuilder().withNewMetadata()
                    .withName(name + "-hash" + rev).withNamespace(ns)
                    .addToAnnotations("deployment.kubernetes.io/revision", String.valueOf(rev))
                    .addNewOwnerReference().withKind("Deployment").withName(name).withApiVersion("apps/v1")
                    .withUid(d.getMetadata().getUid() == null ? "uid" : d.getMetadata().getUid()).endOwnerReference()
                    .endMetadata().withNewSpec().withReplicas(rev == 2 ? 4 : 0).withNewSelector()
                    .addToMatchLabels("app", name).endSelector().withNewTemplate().withNewMetadata()
                    .addToLabels(Map.of("app", name, "pod-template-hash", "hash" + rev)).endMetadata().withNewSpec()
                    .addNewContainer().withName(name).withImage("registry.example/" + name + ":v" + rev)
                    .endContainer().endSpec().endTemplate().endSpec().build()).create();
        }
    }

    static void nodes(KubernetesClient c, String... names) {
        for (String n : names) {
            c.nodes().resource(new NodeBuilder().withNewMetadata().withName(n).endMetadata().withNewSpec()
                    .endSpec().build()).create();
        }
    }

    static GenericKubernetesResource rollout(KubernetesClient c, String ns, String name) {
        GenericKubernetesResource r = new GenericKubernetesResourceBuilder().withApiVersion("argoproj.io/v1alpha1")
                .withKind("Rollout").withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .addToAdditionalProperties("spec", Map.of("replicas", 4, "strategy", Map.of("canary",
                        Map.of("steps", List.of(Map.of("setWeight", 20), Map.of("pause", Map.of()))))))
                .addToAdditionalProperties("status", Map.of("phase", "Paused", "currentStepIndex", 1))
                .build();
        return c.genericKubernetesResources("argoproj.io/v1alpha1", "Rollout").inNamespace(ns).resource(r).create();
    }
}
