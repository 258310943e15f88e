package io.autopilot.certificates;

import java.time.Duration;
import java.time.Instant;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

/** Lets a test jump to a renewal time instead of waiting for it. */
@Alternative
@Priority(1)
@ApplicationScoped
public class ShiftedClock extends RotationClock {

    static volatile Duration offset = Duration.ZERO;

    @Override
    public Instant now() {
        return Instant.now().plus(offset);
    }
}
