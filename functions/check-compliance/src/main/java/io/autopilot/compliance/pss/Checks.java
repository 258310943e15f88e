package io.autopilot.compliance.pss;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of each Pod Security Admission v1.37 check, field by field, with the allowed values of the standard. Each
 * method reports every offending field, not only the first, so a finding can name all of them.
 *
 * <p>Containers are visited as PSA visits them: {@code containers}, {@code initContainers},
 * {@code ephemeralContainers}. Values are read from raw manifests, so an absent field is what the API server would
 * default: Go's zero value, and a volume without a source is an {@code emptyDir}.
 */
final class Checks {

    /** Baseline: capabilities a container may add. */
    static final Set<String> BASELINE_CAPABILITIES = Set.of("AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER",
            "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT");

    /** Baseline: SELinux types allowed ({@code container_engine_t} since v1.31); empty means unset. */
    static final Set<String> SELINUX_TYPES = Set.of("", "container_t", "container_init_t", "container_kvm_t",
            "container_engine_t");

    /** Baseline: the safe sysctls of v1.37 (v1.27, v1.29, v1.32 and v1.37 each added to v1.0's five). */
    static final Set<String> SAFE_SYSCTLS = Set.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
            "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range",
            "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
            "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes", "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem",
            "net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_notsent_lowat");

    /** Restricted: volume sources allowed ({@code image} included in v1.37). */
    static final Set<String> RESTRICTED_VOLUME_SOURCES = Set.of("configMap", "csi", "downwardAPI", "emptyDir",
            "ephemeral", "image", "persistentVolumeClaim", "projected", "secret");

    /** Every other volume source of the v1.37 core API (each one fails restricted). */
    static final List<String> OTHER_VOLUME_SOURCES = List.of("hostPath", "gcePersistentDisk", "awsElasticBlockStore",
            "gitRepo", "nfs", "iscsi", "glusterfs", "rbd", "flexVolume", "cinder", "cephfs", "flocker", "fc",
            "azureFile", "vsphereVolume", "quobyte", "azureDisk", "photonPersistentDisk", "portworxVolume", "scaleIO",
            "storageos");

    static final String APPARMOR_ANNOTATION_PREFIX = "container.apparmor.security.beta.kubernetes.io/";

    private static final String UNSET_OR_FALSE = "false, <unset>";
    private static final String SC = ".securityContext";
    private static final String[] PROBES = { "livenessProbe", "readinessProbe", "startupProbe" };
    private static final String[] HOOKS = { "postStart", "preStop" };
    private static final String[] HANDLER_ACTIONS = { "httpGet", "tcpSocket" };
    private static final String[] HOST_NAMESPACES = { "hostNetwork", "hostPID", "hostIPC" };

    private Checks() {
    }

    static void privileged(PodSpecView pod, Findings out) {
        containers(pod, (c, path) -> {
            JsonNode privileged = c.path("securityContext").get("privileged");
            if (Json.isTrue(privileged)) {
                out.add(path + ".securityContext.privileged", privileged, UNSET_OR_FALSE);
            }
        });
    }

    static void hostNamespaces(PodSpecView pod, Findings out) {
        for (String field : HOST_NAMESPACES) {
            JsonNode value = pod.spec().get(field);
            if (Json.isTrue(value)) {
                out.add(pod.specPath() + "." + field, value, UNSET_OR_FALSE);
            }
        }
    }

    static void hostPathVolumes(PodSpecView pod, Findings out) {
        volumes(pod, (volume, path) -> {
            JsonNode hostPath = volume.get("hostPath");
            if (Json.present(hostPath)) {
                out.add(path + ".hostPath", hostPath.has("path") ? hostPath.get("path") : hostPath, "<unset>");
            }
        });
    }

    static void hostPorts(PodSpecView pod, Findings out) {
        containers(pod, (c, path) -> each(c.get("ports"), path, ".ports", (port, portPath) -> {
            JsonNode hostPort = port.get("hostPort");
            if (Json.present(hostPort) && hostPort.asLong(1) != 0) {
                out.add(portPath + ".hostPort", hostPort, "0, <unset>");
            }
        }));
    }

    static void capabilitiesBaseline(PodSpecView pod, Findings out) {
        containers(pod, (c, path) -> each(c.path("securityContext").path("capabilities").get("add"),
                path, ".securityContext.capabilities.add", (cap, capPath) -> {
                    if (!BASELINE_CAPABILITIES.contains(Json.text(cap))) {
                        out.add(capPath, cap, String.join(", ", new java.util.TreeSet<>(BASELINE_CAPABILITIES)));
                    }
                }));
    }

    static void appArmorProfile(PodSpecView pod, Findings out) {
        JsonNode annotations = pod.metadata().path("annotations");
        for (Iterator<Map.Entry<String, JsonNode>> it = annotations.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> annotation = it.next();
            if (annotation.getKey().startsWith(APPARMOR_ANNOTATION_PREFIX)) {
                String value = Json.text(annotation.getValue());
                if (!(value.isEmpty() || value.equals("runtime/default") || value.startsWith("localhost/"))) {
                    out.add(pod.metadataPath() + ".annotations[" + annotation.getKey() + "]", annotation.getValue(),
                            "runtime/default, localhost/*, <unset>");
                }
            }
        }
        appArmorField(pod.spec().path("securityContext"), pod.specPath(), out);
        containers(pod, (c, path) -> appArmorField(c.path("securityContext"), path, out));
    }

    private static void appArmorField(JsonNode securityContext, String path, Findings out) {
        JsonNode profile = securityContext.get("appArmorProfile");
        if (Json.present(profile)) {
            String type = Json.text(profile.get("type"));
            if (!type.equals("RuntimeDefault") && !type.equals("Localhost")) {
                out.add(path + SC + ".appArmorProfile.type", profile.get("type"), "RuntimeDefault, Localhost, <unset>");
            }
        }
    }

    static void seLinuxOptions(PodSpecView pod, Findings out) {
        seLinux(pod.spec().path("securityContext"), pod.specPath(), out);
        containers(pod, (c, path) -> seLinux(c.path("securityContext"), path, out));
    }

    private static void seLinux(JsonNode securityContext, String path, Findings out) {
        JsonNode options = securityContext.get("seLinuxOptions");
        if (!Json.present(options)) {
            return;
        }
        if (!SELINUX_TYPES.contains(Json.text(options.get("type")))) {
            out.add(path + SC + ".seLinuxOptions.type", options.get("type"),
                    "container_t, container_init_t, container_kvm_t, container_engine_t, <unset>");
        }
        for (String field : new String[] { "user", "role" }) {
            if (!Json.text(options.get(field)).isEmpty()) {
                out.add(path + SC + ".seLinuxOptions." + field, options.get(field), "<unset>");
            }
        }
    }

    /** v1.35: a pod in a user namespace ({@code hostUsers: false}) may use any procMount at baseline. */
    static void procMountBaseline(PodSpecView pod, Findings out) {
        if (!pod.inUserNamespace()) {
            procMountRestricted(pod, out);
        }
    }

    static void procMountRestricted(PodSpecView pod, Findings out) {
        containers(pod, (c, path) -> {
            JsonNode procMount = c.path("securityContext").get("procMount");
            if (Json.present(procMount) && !Json.text(procMount).equals("Default")) {
                out.add(path + ".securityContext.procMount", procMount, "Default, <unset>");
            }
        });
    }

    static void seccompBaseline(PodSpecView pod, Findings out) {
        seccompSetTo(pod.spec().path("securityContext"), pod.specPath(), out, "RuntimeDefault, Localhost, <unset>");
        containers(pod, (c, path) -> seccompSetTo(c.path("securityContext"), path, out,
                "RuntimeDefault, Localhost, <unset>"));
    }

    /** Reports a seccompProfile that is set but not RuntimeDefault or Localhost; answers whether it is validly set. */
    private static boolean seccompSetTo(JsonNode securityContext, String path, Findings out, String allowed) {
        JsonNode profile = securityContext.get("seccompProfile");
        if (!Json.present(profile)) {
            return false;
        }
        String type = Json.text(profile.get("type"));
        if (type.equals("RuntimeDefault") || type.equals("Localhost")) {
            return true;
        }
        out.add(path + SC + ".seccompProfile.type", profile.get("type"), allowed);
        return false;
    }

    static void sysctls(PodSpecView pod, Findings out) {
        each(pod.spec().path("securityContext").get("sysctls"), pod.specPath(), ".securityContext.sysctls",
                (sysctl, path) -> {
                    if (!SAFE_SYSCTLS.contains(Json.text(sysctl.get("name")))) {
                        out.add(path + ".name", sysctl.get("name"), "the safe set: "
                                + String.join(", ", new java.util.TreeSet<>(SAFE_SYSCTLS)));
                    }
                });
    }

    static void windowsHostProcess(PodSpecView pod, Findings out) {
        hostProcess(pod.spec().path("securityContext"), pod.specPath(), out);
        containers(pod, (c, path) -> hostProcess(c.path("securityContext"), path, out));
    }

    private static void hostProcess(JsonNode securityContext, String path, Findings out) {
        JsonNode value = securityContext.path("windowsOptions").get("hostProcess");
        if (Json.isTrue(value)) {
            out.add(path + SC + ".windowsOptions.hostProcess", value, UNSET_OR_FALSE);
        }
    }

    /** v1.34: probes and lifecycle handlers must not point at another host ({@code host} unset or empty). */
    static void hostProbesAndLifecycle(PodSpecView pod, Findings out) {
        containers(pod, (c, path) -> {
            for (String probe : PROBES) {
                handlerHost(c.path(probe), path, "." + probe, out);
            }
            for (String hook : HOOKS) {
                handlerHost(c.path("lifecycle").path(hook), path, ".lifecycle." + hook, out);
            }
        });
    }

    private static void handlerHost(JsonNode handler, String path, String suffix, Findings out) {
        if (handler.isMissingNode()) {
            return;
        }
        for (String action : HANDLER_ACTIONS) {
            JsonNode host = handler.path(action).get("host");
            if (!Json.text(host).isEmpty()) {
                out.add(path + suffix + "." + action + ".host", host, "<unset>, \"\"");
            }
        }
    }

    /**
     * As PSA decides it on the decoded object: a volume passes when any allowed source is set (the API allows one
     * source per volume); otherwise each known source it sets is reported. Keys that are no volume source are dropped by
     * decoding, and a volume left with no source is defaulted to emptyDir, so neither fails.
     */
    static void restrictedVolumes(PodSpecView pod, Findings out) {
        volumes(pod, (volume, path) -> {
            for (String allowed : RESTRICTED_VOLUME_SOURCES) {
                if (Json.present(volume.get(allowed))) {
                    return;
                }
            }
            for (String source : OTHER_VOLUME_SOURCES) {
                if (Json.present(volume.get(source))) {
                    out.add(path + "." + source, source,
                            String.join(", ", new java.util.TreeSet<>(RESTRICTED_VOLUME_SOURCES)));
                }
            }
        });
    }

    static void allowPrivilegeEscalation(PodSpecView pod, Findings out) {
        if (pod.isWindows()) {
            return;
        }
        containers(pod, (c, path) -> {
            JsonNode value = c.path("securityContext").get("allowPrivilegeEscalation");
            if (!Json.isFalse(value)) {
                out.add(path + ".securityContext.allowPrivilegeEscalation", value, "false");
            }
        });
    }

    /**
     * runAsNonRoot must be true at pod level or in every container and false nowhere; v1.35: any value when the pod
     * runs in a user namespace.
     */
    static void runAsNonRoot(PodSpecView pod, Findings out) {
        if (pod.inUserNamespace()) {
            return;
        }
        JsonNode podValue = pod.spec().path("securityContext").get("runAsNonRoot");
        boolean podTrue = Json.isTrue(podValue);
        if (Json.present(podValue) && !podTrue) {
            out.add(pod.specPath() + ".securityContext.runAsNonRoot", podValue, "true");
        }
        containers(pod, (c, path) -> {
            JsonNode value = c.path("securityContext").get("runAsNonRoot");
            if (Json.present(value) ? !Json.isTrue(value) : !podTrue) {
                out.add(path + ".securityContext.runAsNonRoot", value, "true (here or at pod level)");
            }
        });
    }

    static void runAsUser(PodSpecView pod, Findings out) {
        if (pod.inUserNamespace()) {
            return;
        }
        rootUser(pod.spec().path("securityContext"), pod.specPath(), out);
        containers(pod, (c, path) -> rootUser(c.path("securityContext"), path, out));
    }

    private static void rootUser(JsonNode securityContext, String path, Findings out) {
        JsonNode value = securityContext.get("runAsUser");
        if (Json.present(value) && value.asLong(-1) == 0 && !value.asText().isEmpty()) {
            out.add(path + SC + ".runAsUser", value, "non-zero, <unset>");
        }
    }

    static void seccompRestricted(PodSpecView pod, Findings out) {
        if (pod.isWindows()) {
            return;
        }
        boolean podSet = seccompSetTo(pod.spec().path("securityContext"), pod.specPath(), out,
                "RuntimeDefault, Localhost");
        containers(pod, (c, path) -> {
            JsonNode securityContext = c.path("securityContext");
            if (Json.present(securityContext.get("seccompProfile"))) {
                seccompSetTo(securityContext, path, out, "RuntimeDefault, Localhost");
            } else if (!podSet) {
                out.add(path + ".securityContext.seccompProfile.type", Violation.UNSET,
                        "RuntimeDefault, Localhost (here or at pod level)");
            }
        });
    }

    static void capabilitiesRestricted(PodSpecView pod, Findings out) {
        if (pod.isWindows()) {
            return;
        }
        containers(pod, (c, path) -> {
            JsonNode capabilities = c.path("securityContext").path("capabilities");
            boolean dropsAll = false;
            JsonNode drop = capabilities.get("drop");
            if (drop != null && drop.isArray()) {
                for (JsonNode cap : drop) {
                    dropsAll |= "ALL".equals(Json.text(cap));
                }
            }
            if (!dropsAll) {
                out.add(path + ".securityContext.capabilities.drop", drop, "must include ALL");
            }
            each(capabilities.get("add"), path, ".securityContext.capabilities.add", (cap, capPath) -> {
                if (!"NET_BIND_SERVICE".equals(Json.text(cap))) {
                    out.add(capPath, cap, "NET_BIND_SERVICE");
                }
            });
        });
    }

    // --- visiting ---

    static void containers(PodSpecView pod, BiConsumer<JsonNode, String> visitor) {
        for (PodSpecView.Container c : pod.containers()) {
            visitor.accept(c.node(), c.path());
        }
    }

    private static void volumes(PodSpecView pod, BiConsumer<JsonNode, String> visitor) {
        each(pod.spec().get("volumes"), pod.specPath(), ".volumes", visitor);
    }

    /** Visits the items of an array field; the path is built only when there is something to visit. */
    private static void each(JsonNode array, String base, String field, BiConsumer<JsonNode, String> visitor) {
        if (array == null || !array.isArray() || array.isEmpty()) {
            return;
        }
        String path = base + field;
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            if (item != null && item.isObject() || item != null && item.isValueNode()) {
                visitor.accept(item, path + "[" + i + "]");
            }
        }
    }
}
