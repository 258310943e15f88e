package io.autopilot.audit.verify;

/** Lets tests in other packages run the command without {@code System.exit}. */
public final class VerifyAuditCommandAccess {

    private VerifyAuditCommandAccess() {
    }

    public static int run(String... args) {
        return VerifyAuditCommand.run(args);
    }
}
