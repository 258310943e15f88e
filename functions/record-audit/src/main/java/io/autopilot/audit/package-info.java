/**
 * record-audit: a tamper-evident ledger of every decision Autopilot makes.
 *
 * <p>Consumes the decision events listed in {@link io.autopilot.audit.AuditedTypes} (placements decided or
 * infeasible today; anomalies detected, budgets exceeded, approvals, certificate rotations, compliance findings,
 * threat responses, remediations, rollout judgements and scaling recommendations as those functions land) and emits
 * nothing. Each event becomes one leaf of an RFC 9162 Merkle tree ({@link io.autopilot.audit.AuditLeaf} is the leaf
 * format), stored durably before the event is acknowledged, once per CloudEvent source + id.
 *
 * <p>Why a Merkle log and not a table with an "append-only" promise: anyone holding a signed checkpoint can check,
 * with a few hashes, that an entry is in the log and that a later log still contains everything the earlier one
 * did; altering or dropping a stored entry changes the root, which no longer matches what the log signed. The
 * checkpoints are C2SP signed notes with an Ed25519 signature and an ML-DSA-44 cosignature, so they stay verifiable
 * after quantum computers break Ed25519.
 */
package io.autopilot.audit;
