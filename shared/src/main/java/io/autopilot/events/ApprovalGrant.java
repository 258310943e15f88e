package io.autopilot.events;

/** An approval given ({@link EventTypes#APPROVAL_GRANTED}); subject = {@code approvalId}. */
public record ApprovalGrant(String approvalId, String approver, java.time.Instant grantedAt) {}
