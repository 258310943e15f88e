package io.autopilot.compliance.pss;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * The Pod Security Standards controls as Pod Security Admission v1.37 implements them, by PSA check id. A restricted
 * check may override a baseline one (PSA's {@code OverrideCheckIDs}): at the restricted level only the stricter one
 * runs, so a violation is reported once, under the restricted id.
 */
public enum Control {
    PRIVILEGED("privileged", Level.BASELINE, Checks::privileged),
    HOST_NAMESPACES("hostNamespaces", Level.BASELINE, Checks::hostNamespaces),
    HOST_PATH_VOLUMES("hostPathVolumes", Level.BASELINE, Checks::hostPathVolumes),
    HOST_PORTS("hostPorts", Level.BASELINE, Checks::hostPorts),
    CAPABILITIES_BASELINE("capabilities_baseline", Level.BASELINE, Checks::capabilitiesBaseline),
    APP_ARMOR_PROFILE("appArmorProfile", Level.BASELINE, Checks::appArmorProfile),
    SE_LINUX_OPTIONS("seLinuxOptions", Level.BASELINE, Checks::seLinuxOptions),
    PROC_MOUNT("procMount", Level.BASELINE, Checks::procMountBaseline),
    SECCOMP_PROFILE_BASELINE("seccompProfile_baseline", Level.BASELINE, Checks::seccompBaseline),
    SYSCTLS("sysctls", Level.BASELINE, Checks::sysctls),
    WINDOWS_HOST_PROCESS("windowsHostProcess", Level.BASELINE, Checks::windowsHostProcess),
    HOST_PROBES_AND_HOST_LIFECYCLE("hostProbesAndHostLifecycle", Level.BASELINE, Checks::hostProbesAndLifecycle),

    RESTRICTED_VOLUMES("restrictedVolumes", Level.RESTRICTED, Checks::restrictedVolumes, "hostPathVolumes"),
    ALLOW_PRIVILEGE_ESCALATION("allowPrivilegeEscalation", Level.RESTRICTED, Checks::allowPrivilegeEscalation),
    RUN_AS_NON_ROOT("runAsNonRoot", Level.RESTRICTED, Checks::runAsNonRoot),
    RUN_AS_USER("runAsUser", Level.RESTRICTED, Checks::runAsUser),
    SECCOMP_PROFILE_RESTRICTED("seccompProfile_restricted", Level.RESTRICTED, Checks::seccompRestricted,
            "seccompProfile_baseline"),
    CAPABILITIES_RESTRICTED("capabilities_restricted", Level.RESTRICTED, Checks::capabilitiesRestricted,
            "capabilities_baseline"),
    PROC_MOUNT_RESTRICTED("procMount_restricted", Level.RESTRICTED, Checks::procMountRestricted, "procMount");

    private final String id;
    private final Level level;
    private final BiConsumer<PodSpecView, Findings> check;
    private final List<String> overrides;

    Control(String id, Level level, BiConsumer<PodSpecView, Findings> check, String... overrides) {
        this.id = id;
        this.level = level;
        this.check = check;
        this.overrides = List.of(overrides);
    }

    /** The Pod Security Admission check id, e.g. {@code capabilities_baseline}. */
    public String id() {
        return id;
    }

    /** The lowest level that enforces this control. */
    public Level level() {
        return level;
    }

    /** Baseline checks this one replaces at the restricted level. */
    public List<String> overrides() {
        return overrides;
    }

    /** This control's violations in the pod (empty when it passes), whatever level is enforced. */
    public List<Violation> check(PodSpecView pod) {
        Findings findings = new Findings(id);
        check.accept(pod, findings);
        return findings.list();
    }

    public static Control byId(String id) {
        for (Control control : values()) {
            if (control.id.equals(id)) {
                return control;
            }
        }
        throw new IllegalArgumentException("no Pod Security Admission check " + id);
    }
}
