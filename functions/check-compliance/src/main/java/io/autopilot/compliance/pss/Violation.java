package io.autopilot.compliance.pss;

/**
 * One field that breaks one control: the Pod Security Admission check id, the field path (from the resource root,
 * Kubescape style: {@code spec.template.spec.containers[0].securityContext.privileged}), the value seen (as text;
 * {@code <unset>} when the control requires a field that is missing) and the values the control allows.
 */
public record Violation(String control, String path, String observed, String allowed) {

    public static final String UNSET = "<unset>";
}
