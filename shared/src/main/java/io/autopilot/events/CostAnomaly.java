package io.autopilot.events;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Payload of {@link EventTypes#COST_ANOMALY_DETECTED}, after AWS Cost Anomaly Detection's record: expected vs
 * actual daily spend of one dimension value, the absolute and percent impact (percent omitted when nothing was
 * expected, e.g. a new service), and the other dimension values that moved the same way that day.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CostAnomaly(String dimension, String value, String currency, String metric, String day,
        String expected, String actual, String impact, String impactPercent, int baselineDays,
        List<RootCause> rootCauses) {

    public record RootCause(String dimension, String value, String impact) {
    }
}
