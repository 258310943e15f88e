/**
 * The Pod Security Standards, baseline and restricted, as Pod Security Admission v1.37 checks them: one
 * {@link io.autopilot.compliance.pss.Control} per PSA check id, evaluated on raw manifests (JSON or YAML), field by field
 * with the standard's allowed values. Framework-free and stateless, so the same code serves the function, the
 * {@code ./autopilot check-pod} command, the conformance test over the upstream and Kyverno suites, and the benchmark.
 *
 * <p>Why our own evaluator rather than calling PSA: PSA is Go and runs in the API server; the function sees the objects
 * as ApiServerSource delivers them, must name every offending field (PSA stops at a message per check) and must work
 * on workload templates before any pod exists.
 */
package io.autopilot.compliance.pss;
