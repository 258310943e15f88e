/**
 * rotate-certificates: post-quantum (ML-DSA, RFC 9881) and composite ML-DSA workload certificates in
 * {@code kubernetes.io/tls} Secrets, rotated before expiry, with a migration inventory.
 *
 * <p>Consumes {@code dev.knative.apiserver.resource.add|update|delete} for Secrets that opt in (label
 * {@code certificates.autopilot.io/managed: "true"} for the ApiServerSource, annotation
 * {@code certificates.autopilot.io/algorithm} for the function) and {@code dev.knative.sources.ping} (the sweep).
 * Emits {@code io.autopilot.certificate.rotated} per (re)issued certificate, {@code io.autopilot.certificate.expiring}
 * per certificate that expires soon with nobody renewing it, and {@code io.autopilot.certificate.inventory}: every TLS
 * Secret in scope classified by key algorithm, with the migration percentage.
 *
 * <p>Why it exists: cert-manager's key algorithms are RSA, ECDSA and Ed25519, and Istio's CA issues classical keys;
 * nothing rotates ML-DSA or composite certificates for workloads or measures how far a cluster has migrated. The
 * renewal rules follow cert-manager's (90-day default, renewal at 2/3 of the lifetime, a new key every time) so
 * operators know what to expect. No key material goes into an event or a log line.
 */
package io.autopilot.certificates;
