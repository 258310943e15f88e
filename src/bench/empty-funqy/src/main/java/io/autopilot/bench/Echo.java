package io.autopilot.bench;

import io.quarkus.funqy.Funq;

/**
 * The baseline's only function: it echoes a small record back, so the first event exercises what every Funqy
 * function pays for (HTTP, CloudEvent binding, Jackson both ways) and nothing more.
 */
public class Echo {

    /** A small payload; a record, like the project's own event data types. */
    public record Ping(String message, int n) {
    }

    @Funq
    public Ping echo(Ping ping) {
        return ping;
    }
}
