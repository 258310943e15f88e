package io.autopilot.certificates;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

/** "Now" for rotation decisions; its own bean so tests can move time forward with an {@code @Alternative}. */
@ApplicationScoped
public class RotationClock {

    public Instant now() {
        return Instant.now();
    }
}
