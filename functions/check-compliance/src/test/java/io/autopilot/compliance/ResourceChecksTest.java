package io.autopilot.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.autopilot.events.ComplianceFinding;

class ResourceChecksTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-11-27T09:00:00Z");

    /** A cluster held in maps: enough for the lookups the checks make. */
    static final class FakeCluster implements ClusterView {
        final Map<String, List<JsonNode>> policies = new HashMap<>();
        final Map<String, List<JsonNode>> peerAuthentications = new HashMap<>();
        final Map<String, JsonNode> roles = new HashMap<>();

        @Override
        public List<JsonNode> networkPolicies(String namespace) {
            return policies.getOrDefault(namespace, List.of());
        }

        @Override
        public List<JsonNode> peerAuthentications(String namespace) {
            return peerAuthentications.getOrDefault(namespace, List.of());
        }

        @Override
        public Optional<JsonNode> role(String namespace, String name) {
            return Optional.ofNullable(roles.get(namespace + "/" + name));
        }

        @Override
        public List<JsonNode> list(String kind) {
            return new ArrayList<>();
        }
    }

    private final ResourceChecks checks = new ResourceChecks(ResourceChecks.Settings.defaults());

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private List<ComplianceFinding> findings(JsonNode object, ClusterView cluster) {
        return checks.evaluate(object, AT, cluster).stream().flatMap(s -> s.findings().stream()).toList();
    }

    @Test
    void aNamespaceWithoutPoliciesGetsADefaultDenyThatAllowsOnlyDns() throws Exception {
        List<ComplianceFinding> found = findings(json("{'apiVersion':'v1','kind':'Namespace','metadata':{'name':'shop'}}"),
                new FakeCluster());
        assertEquals(1, found.size());
        JsonNode policy = found.get(0).remediation();
        assertEquals("NetworkPolicy", policy.get("kind").asText());
        assertEquals("shop", policy.get("metadata").get("namespace").asText());
        assertTrue(policy.get("spec").get("podSelector").isEmpty());
        assertEquals("[\"Ingress\",\"Egress\"]", policy.get("spec").get("policyTypes").toString());
        assertEquals(0, policy.get("spec").get("ingress").size());
        JsonNode egress = policy.get("spec").get("egress");
        assertEquals(1, egress.size());
        egress.get(0).get("ports").forEach(p -> assertEquals(53, p.get("port").asInt()));
    }

    @Test
    void theRemediationItselfSatisfiesTheCheck() throws Exception {
        FakeCluster cluster = new FakeCluster();
        cluster.policies.put("shop", List.of(DefaultDenyPolicy.forNamespace("shop")));
        assertEquals(List.of(), findings(json("{'apiVersion':'v1','kind':'Namespace','metadata':{'name':'shop'}}"), cluster));
    }

    @Test
    void anIngressOnlyDefaultDenyStillLacksEgress() throws Exception {
        FakeCluster cluster = new FakeCluster();
        cluster.policies.put("shop", List.of(json("{'kind':'NetworkPolicy','metadata':{'name':'deny-in','namespace':"
                + "'shop'},'spec':{'podSelector':{}}}")));
        List<ComplianceFinding> found = findings(json("{'kind':'Namespace','metadata':{'name':'shop'}}"), cluster);
        assertEquals(1, found.size());
        assertTrue(found.get(0).observed().contains("egress"), found.get(0).observed());
    }

    @Test
    void aMeshedNamespaceWithoutStrictMtlsIsAFinding() throws Exception {
        FakeCluster cluster = new FakeCluster();
        cluster.policies.put("shop", List.of(DefaultDenyPolicy.forNamespace("shop")));
        JsonNode ns = json("{'kind':'Namespace','metadata':{'name':'shop','labels':{'istio-injection':'enabled'}}}");
        List<ComplianceFinding> found = findings(ns, cluster);
        assertEquals(1, found.size());
        assertEquals(ResourceChecks.MTLS_STRICT, found.get(0).check());
        cluster.peerAuthentications.put("istio-system", List.of(json(
                "{'kind':'PeerAuthentication','metadata':{'name':'default'},'spec':{'mtls':{'mode':'STRICT'}}}")));
        assertEquals(List.of(), findings(ns, cluster));
    }

    @Test
    void aPermissivePeerAuthenticationIsAFinding() throws Exception {
        List<ComplianceFinding> found = findings(json("{'kind':'PeerAuthentication','metadata':{'name':'p','namespace':"
                + "'shop'},'spec':{'mtls':{'mode':'PERMISSIVE'},'portLevelMtls':{'8080':{'mode':'DISABLE'}}}}"),
                new FakeCluster());
        assertEquals(List.of("spec.mtls.mode", "spec.portLevelMtls[8080].mode"),
                found.stream().map(ComplianceFinding::path).toList());
    }

    @Test
    void clusterAdminBindingsAreFindingsExceptForAllowedSubjects() throws Exception {
        List<ComplianceFinding> found = findings(json("{'kind':'ClusterRoleBinding','metadata':{'name':'ops'},"
                + "'roleRef':{'kind':'ClusterRole','name':'cluster-admin'},'subjects':[{'kind':'Group','name':"
                + "'system:masters'},{'kind':'ServiceAccount','namespace':'ci','name':'deployer'}]}"), new FakeCluster());
        assertEquals(1, found.size());
        assertEquals("ServiceAccount:ci/deployer", found.get(0).observed());
        assertEquals("subjects[1]", found.get(0).path());
        assertEquals("high", found.get(0).severity());
    }

    @Test
    void aBindingToAWildcardRoleIsAFindingOnTheBinding() throws Exception {
        FakeCluster cluster = new FakeCluster();
        cluster.roles.put("shop/anything", json("{'kind':'Role','metadata':{'name':'anything','namespace':'shop'},"
                + "'rules':[{'apiGroups':[''],'resources':['pods'],'verbs':['*']}]}"));
        List<ComplianceFinding> found = findings(json("{'kind':'RoleBinding','metadata':{'name':'b','namespace':'shop'},"
                + "'roleRef':{'kind':'Role','name':'anything'},'subjects':[{'kind':'User','name':'bob'}]}"), cluster);
        assertEquals(1, found.size());
        assertEquals(ResourceChecks.RBAC_WILDCARD, found.get(0).check());
        assertTrue(found.get(0).observed().contains("rules[0].verbs"), found.get(0).observed());
    }

    @Test
    void aPinnedLimitedPodThatMeetsRestrictedHasNoFindings() throws Exception {
        JsonNode pod = json("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'ok','namespace':'shop'},'spec':{"
                + "'automountServiceAccountToken':false,'securityContext':{'runAsNonRoot':true,'seccompProfile':{'type':"
                + "'RuntimeDefault'}},'containers':[{'name':'c','image':'registry.example/app@sha256:"
                + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef','resources':{'limits':{'cpu':'1',"
                + "'memory':'1Gi'}},'securityContext':{'allowPrivilegeEscalation':false,'capabilities':{'drop':['ALL']}}}]}}");
        assertEquals(List.of(), findings(pod, new FakeCluster()));
    }

    @Test
    void aDeploymentIsJudgedByItsTemplateWithPathsFromTheDeploymentRoot() throws Exception {
        JsonNode deployment = json("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'d','namespace':'shop'},"
                + "'spec':{'template':{'spec':{'hostNetwork':true,'containers':[{'name':'c','image':'x'}]}}}}");
        List<ComplianceFinding> found = findings(deployment, new FakeCluster());
        assertTrue(found.stream().anyMatch(f -> f.path().equals("spec.template.spec.hostNetwork")
                && f.control().equals("hostNamespaces")), found.toString());
        assertTrue(found.stream().anyMatch(f -> f.path().equals("spec.template.spec.containers[0].image")));
    }

    @Test
    void objectsInExcludedNamespacesAreNotJudged() throws Exception {
        JsonNode pod = json("{'kind':'Pod','metadata':{'name':'p','namespace':'kube-system'},'spec':{'hostNetwork':true,"
                + "'containers':[{'name':'c','image':'x'}]}}");
        assertEquals(List.of(), findings(pod, new FakeCluster()));
    }

    @Test
    void everyCheckHasAFrameworkMapping() {
        for (io.autopilot.compliance.pss.Control c : io.autopilot.compliance.pss.Control.values()) {
            assertTrue(Frameworks.mapped("pss." + c.id()), c.id());
        }
        for (String check : List.of(ResourceChecks.DEFAULT_DENY, ResourceChecks.EXPOSED_SERVICE, ResourceChecks.MTLS_STRICT,
                ResourceChecks.TOKEN_AUTOMOUNT, ResourceChecks.IMAGE_DIGEST, ResourceChecks.RESOURCE_LIMITS,
                ResourceChecks.CLUSTER_ADMIN, ResourceChecks.RBAC_WILDCARD)) {
            assertTrue(Frameworks.mapped(check), check);
        }
    }
}
