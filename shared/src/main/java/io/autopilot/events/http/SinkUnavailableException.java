package io.autopilot.events.http;

import io.autopilot.events.ProblemException;
import io.autopilot.events.ProblemTypes;

/** The sink did not accept an event; a 503, so the producer upstream retries rather than losing it. */
public class SinkUnavailableException extends ProblemException {

    public SinkUnavailableException(String detail) {
        super(ProblemTypes.unavailable(detail));
    }
}
