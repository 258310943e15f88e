package io.autopilot.events;

/**
 * Thrown by function logic to refuse an input; the HTTP layer renders {@link #problem()} as the answer, and the
 * in-process broker treats a 4xx problem as "do not retry".
 */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    /** True when redelivering the same input cannot succeed (a 4xx): retrying would only delay the dead letter. */
    public boolean isPermanent() {
        return problem.status() >= 400 && problem.status() < 500 && problem.status() != 408 && problem.status() != 429;
    }
}
