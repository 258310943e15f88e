package io.autopilot.compliance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which framework controls a check evidences: SOC 2 (Trust Services Criteria), ISO/IEC 27001:2022 Annex A, PCI DSS
 * 4.0, HIPAA Security Rule 164.312 and GDPR Art. 32. The mapping is the indicative table of
 * {@code shared/notes/security.md} §5.3 (rows named in the comments); auditors decide, this only points at the evidence.
 */
public final class Frameworks {

    public static final String SOC2 = "SOC2";
    public static final String ISO27001 = "ISO27001:2022";
    public static final String PCI_DSS = "PCI-DSS-4.0";
    public static final String HIPAA = "HIPAA-164.312";
    public static final String GDPR = "GDPR";

    public static final List<String> ALL = List.of(SOC2, ISO27001, PCI_DSS, HIPAA, GDPR);

    private static final String ART_32 = "Art. 32(1)(b)";
    private static final Map<String, Map<String, List<String>>> BY_CHECK = new LinkedHashMap<>();

    static {
        // row 1: no privileged containers (a Windows HostProcess container is the same thing)
        row(List.of("pss.privileged", "pss.windowsHostProcess"), List.of("CC6.1", "CC6.8"), List.of("A.8.2", "A.8.9"),
                List.of("2.2.1", "2.2.6"), List.of("164.312(a)(1)"), List.of(ART_32));
        // row 2: no host namespaces (probes/hooks aimed at other hosts reach out of the pod the same way)
        row(List.of("pss.hostNamespaces", "pss.hostProbesAndHostLifecycle"), List.of("CC6.1", "CC6.6"),
                List.of("A.8.9", "A.8.22"), List.of("1.3.1", "2.2.6"), List.of("164.312(a)(1)"), List.of(ART_32));
        // row 3: no hostPath
        row(List.of("pss.hostPathVolumes"), List.of("CC6.1"), List.of("A.8.3"), List.of("2.2.6"),
                List.of("164.312(c)(1)"), List.of(ART_32));
        // row 4: no hostPort
        row(List.of("pss.hostPorts"), List.of("CC6.6"), List.of("A.8.20"), List.of("1.3.1"), List.of("164.312(e)(1)"),
                List.of(ART_32));
        // row 5: capabilities
        row(List.of("pss.capabilities_baseline", "pss.capabilities_restricted"), List.of("CC6.3"),
                List.of("A.8.2", "A.8.18"), List.of("2.2.6", "7.2.1"), List.of("164.312(a)(1)"), List.of(ART_32));
        // row 6: no privilege escalation
        row(List.of("pss.allowPrivilegeEscalation"), List.of("CC6.3"), List.of("A.8.2"), List.of("7.2.1"),
                List.of("164.312(a)(1)"), List.of(ART_32));
        // row 7: non-root
        row(List.of("pss.runAsNonRoot", "pss.runAsUser"), List.of("CC6.3"), List.of("A.8.2"), List.of("7.2.1"),
                List.of("164.312(a)(1)"), List.of(ART_32));
        // row 8: seccomp, AppArmor, SELinux confinement
        row(List.of("pss.seccompProfile_baseline", "pss.seccompProfile_restricted", "pss.appArmorProfile",
                "pss.seLinuxOptions"), List.of("CC6.8"), List.of("A.8.7", "A.8.9"), List.of("2.2.6", "5.2"),
                List.of("164.312(c)(1)"), List.of(ART_32));
        // row 9: safe sysctls and /proc mount
        row(List.of("pss.sysctls", "pss.procMount", "pss.procMount_restricted"), List.of("CC6.1"), List.of("A.8.9"),
                List.of("2.2.6"), List.of("164.312(a)(1)"), List.of(ART_32));
        // row 10: allowed volume types
        row(List.of("pss.restrictedVolumes"), List.of("CC6.1"), List.of("A.8.3"), List.of("2.2.6"),
                List.of("164.312(c)(1)"), List.of(ART_32));
        // row 12: default-deny NetworkPolicy; a Service exposed outside the cluster is the same boundary
        row(List.of(ResourceChecks.DEFAULT_DENY, ResourceChecks.EXPOSED_SERVICE), List.of("CC6.1", "CC6.6", "CC7.2"),
                List.of("A.8.20", "A.8.22"), List.of("1.2.1", "1.3.1", "1.3.2"), List.of("164.312(e)(1)"),
                List.of(ART_32));
        // row 13: mTLS STRICT
        row(List.of(ResourceChecks.MTLS_STRICT), List.of("CC6.1", "CC6.7"), List.of("A.8.21", "A.8.24"), List.of("4.2.1"),
                List.of("164.312(d)", "164.312(e)(1)", "164.312(e)(2)(ii)"), List.of(ART_32, "Art. 5(1)(f)"));
        // row 14: workload identity (service-account token automount)
        row(List.of(ResourceChecks.TOKEN_AUTOMOUNT), List.of("CC6.1", "CC6.2"), List.of("A.5.16", "A.8.5"),
                List.of("7.2.5", "8.6.1"), List.of("164.312(a)(2)(i)", "164.312(d)"), List.of(ART_32));
        // row 17: no cluster-admin sprawl, no wildcard rules
        row(List.of(ResourceChecks.CLUSTER_ADMIN, ResourceChecks.RBAC_WILDCARD), List.of("CC6.1", "CC6.2", "CC6.3"),
                List.of("A.5.15", "A.8.2"), List.of("7.2.1", "7.2.2"), List.of("164.312(a)(1)"), List.of(ART_32));
        // row 19: image provenance (pinned by digest)
        row(List.of(ResourceChecks.IMAGE_DIGEST), List.of("CC7.1", "CC8.1"), List.of("A.8.19", "A.8.32"), List.of("6.3.2"),
                List.of("164.312(c)(1)"), List.of(ART_32));
        // not in the table: resource limits are availability (SOC 2 A1.1 capacity, ISO A.8.6 capacity management)
        row(List.of(ResourceChecks.RESOURCE_LIMITS), List.of("A1.1"), List.of("A.8.6"), List.of(), List.of(), List.of(ART_32));
    }

    private Frameworks() {
    }

    private static void row(List<String> checks, List<String> soc2, List<String> iso, List<String> pci,
            List<String> hipaa, List<String> gdpr) {
        Map<String, List<String>> controls = new LinkedHashMap<>();
        controls.put(SOC2, soc2);
        controls.put(ISO27001, iso);
        controls.put(PCI_DSS, pci);
        controls.put(HIPAA, hipaa);
        controls.put(GDPR, gdpr);
        controls.values().removeIf(List::isEmpty);
        for (String check : checks) {
            BY_CHECK.put(check, java.util.Collections.unmodifiableMap(controls));
        }
    }

    /** Framework → control ids for a check id ({@code pss.<PSA check id>} or one of {@link ResourceChecks}); never null. */
    public static Map<String, List<String>> controls(String check) {
        Map<String, List<String>> controls = BY_CHECK.get(check);
        if (controls == null) {
            throw new IllegalArgumentException("no framework mapping for check " + check);
        }
        return controls;
    }

    static boolean mapped(String check) {
        return BY_CHECK.containsKey(check);
    }
}
