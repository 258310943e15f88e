package io.autopilot.compliance.pss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Behaviour the corpus does not pin: overrides, decoding and defaulting as the API server does them, paths. */
class PodSecurityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static PodSpecView pod(String spec) throws Exception {
        JsonNode node = JSON.readTree(("{'kind':'Pod','metadata':{'name':'p'},'spec':" + spec + "}").replace('\'', '"'));
        return PodTemplates.of(node).orElseThrow();
    }

    private static List<String> controls(List<Violation> violations) {
        return violations.stream().map(Violation::control).distinct().toList();
    }

    @Test
    void atRestrictedTheStricterCheckReplacesTheBaselineOneItOverrides() throws Exception {
        PodSpecView p = pod("{'securityContext':{'runAsNonRoot':true,'seccompProfile':{'type':'Unconfined'}},"
                + "'containers':[{'name':'c','securityContext':{'allowPrivilegeEscalation':false,"
                + "'capabilities':{'drop':['ALL'],'add':['SYS_ADMIN']}}}]}");
        assertEquals(List.of("seccompProfile_baseline", "capabilities_baseline"),
                controls(PodSecurity.evaluate(p, Level.BASELINE)).stream().sorted((a, b) -> b.compareTo(a)).toList());
        List<String> restricted = controls(PodSecurity.evaluate(p, Level.RESTRICTED));
        assertTrue(restricted.containsAll(List.of("seccompProfile_restricted", "capabilities_restricted")), restricted.toString());
        assertTrue(!restricted.contains("capabilities_baseline") && !restricted.contains("seccompProfile_baseline"));
    }

    @Test
    void aVolumeKeyThatIsNoVolumeSourceIsDroppedByDecodingAndTheVolumeDefaultsToEmptyDir() throws Exception {
        PodSpecView p = pod("{'volumes':[{'name':'v','someFutureField':{}}],'containers':[]}");
        assertEquals(List.of(), Control.RESTRICTED_VOLUMES.check(p));
    }

    @Test
    void aForbiddenVolumeSourceIsReportedWithItsPathAndTheAllowedSources() throws Exception {
        List<Violation> v = Control.RESTRICTED_VOLUMES.check(pod("{'volumes':[{'name':'a','emptyDir':{}},"
                + "{'name':'b','nfs':{'server':'x','path':'/'}}],'containers':[]}"));
        assertEquals(1, v.size());
        assertEquals("spec.volumes[1].nfs", v.get(0).path());
        assertTrue(v.get(0).allowed().contains("persistentVolumeClaim"));
    }

    @Test
    void userNamespacesRelaxRunAsNonRootRunAsUserAndBaselineProcMountButNotRestrictedProcMount() throws Exception {
        PodSpecView p = pod("{'hostUsers':false,'securityContext':{'runAsUser':0},'containers':[{'name':'c',"
                + "'securityContext':{'procMount':'Unmasked','runAsNonRoot':false}}]}");
        assertEquals(List.of(), Control.RUN_AS_NON_ROOT.check(p));
        assertEquals(List.of(), Control.RUN_AS_USER.check(p));
        assertEquals(List.of(), Control.PROC_MOUNT.check(p));
        assertEquals(1, Control.PROC_MOUNT_RESTRICTED.check(p).size());
    }

    @Test
    void everyOffendingFieldIsNamedNotOnlyTheFirst() throws Exception {
        List<Violation> v = Control.PRIVILEGED.check(pod("{'containers':[{'name':'a','securityContext':{'privileged':true}}],"
                + "'initContainers':[{'name':'i','securityContext':{'privileged':true}}]}"));
        assertEquals(List.of("spec.containers[0].securityContext.privileged",
                "spec.initContainers[0].securityContext.privileged"), v.stream().map(Violation::path).toList());
    }

    @Test
    void aCronJobIsJudgedByItsJobsPodTemplate() throws Exception {
        JsonNode cronJob = JSON.readTree("{\"kind\":\"CronJob\",\"metadata\":{\"name\":\"c\"},\"spec\":{\"jobTemplate\":"
                + "{\"spec\":{\"template\":{\"spec\":{\"hostIPC\":true,\"containers\":[]}}}}}}");
        List<Violation> v = PodSecurity.evaluate(PodTemplates.of(cronJob).orElseThrow(), Level.BASELINE);
        assertEquals("spec.jobTemplate.spec.template.spec.hostIPC", v.get(0).path());
    }
}
