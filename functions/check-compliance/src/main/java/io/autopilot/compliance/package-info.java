/**
 * check-compliance: continuous compliance monitoring of a Kubernetes cluster.
 *
 * <p>Consumes Kubernetes objects as an ApiServerSource in Resource mode sends them
 * ({@code dev.knative.apiserver.resource.add|update|delete}: Pods, workload controllers, Namespaces, NetworkPolicies,
 * Services, RoleBindings/ClusterRoleBindings, Roles, Istio PeerAuthentications) and the daily PingSource tick
 * ({@code dev.knative.sources.ping}). Emits {@code io.autopilot.compliance.finding} for every failed check (the
 * resource, the field path, the observed and the allowed value, the Pod Security Standards level and control, and the
 * SOC 2 / ISO 27001 / PCI DSS / HIPAA / GDPR controls it evidences), {@code io.autopilot.compliance.resolved} when a
 * later event shows it fixed or the object deleted, and on the ping {@code io.autopilot.compliance.posture}, a score
 * per framework and per level.
 *
 * <p>Why: the roadmap's zero-trust and compliance-automation priorities need evidence that is continuous, field-exact
 * and mapped to the frameworks auditors ask about; Kubescape and Kyverno report posture but not as events an audit
 * ledger can commit to. The Pod Security Standards rules live in {@code io.autopilot.compliance.pss}.
 */
package io.autopilot.compliance;
