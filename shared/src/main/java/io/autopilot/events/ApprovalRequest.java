package io.autopilot.events;

/**
 * A request for a human decision before an action ({@link EventTypes#APPROVAL_REQUESTED}). {@code approvalId} is
 * derived with {@link EventIds#derive} from what is asked, so a repeated cause asks once.
 */
public record ApprovalRequest(String approvalId, String action, String target, String reason, java.util.Map<String, Object> facts, java.time.Instant requestedAt) {}
