package io.autopilot.events;

/**
 * Payload of {@link EventTypes#APPROVAL_REQUESTED}: an action that waits for a person's sign-off. {@code approvalId}
 * is derived with {@link EventIds#derive} from what needs approving, so a repeated cause asks once.
 */
public record ApprovalRequest(String approvalId, String action, String target, String reason, java.util.Map<String, Object> facts, java.time.Instant requestedAt) {}
