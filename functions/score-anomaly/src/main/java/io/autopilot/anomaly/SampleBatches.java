package io.autopilot.anomaly;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.autopilot.events.AnomalyScore;
import io.autopilot.events.MetricSamples;
import io.autopilot.events.ProblemException;
import io.autopilot.events.ProblemTypes;

/**
 * Checks a {@link MetricSamples} batch before anything is scored and turns it into a {@link Series}. The policy for
 * bad samples is to refuse the whole batch with a 400 naming the first bad sample by JSON Pointer
 * ({@code /samples/4/1}): a batch is the producer's to fix, and scoring around a gap would silently change what the
 * detector saw. Refused: no series id; an empty or missing sample list; a sample that is not a
 * {@code [timestamp, value]} pair; a missing or unreadable timestamp; a timestamp not after the previous one
 * (out of order or duplicated); a value that is NaN, infinite or not a number; an unknown kind.
 */
public final class SampleBatches {

    /** A checked batch: the series and the kind the producer stated (null when it left it to us). */
    public record Batch(Series series, String kind) {
    }

    private SampleBatches() {
    }

    public static Batch validate(JsonNode data) {
        if (data == null || !data.isObject()) {
            throw invalid("", "the data must be a MetricSamples object: {seriesId, labels, samples: [[t, v], ...]}");
        }
        JsonNode id = data.path("seriesId");
        if (!id.isTextual() || id.asText().isBlank()) {
            throw invalid("/seriesId", "seriesId is required: the stable identity of the series");
        }
        Map<String, String> labels = new HashMap<>();
        JsonNode labelNode = data.path("labels");
        if (!labelNode.isMissingNode() && !labelNode.isNull()) {
            if (!labelNode.isObject()) {
                throw invalid("/labels", "labels must be an object of strings");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = labelNode.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> label = it.next();
                if (!label.getValue().isTextual()) {
                    throw invalid("/labels/" + escape(label.getKey()), "label values must be strings");
                }
                labels.put(label.getKey(), label.getValue().asText());
            }
        }
        String kind = null;
        JsonNode kindNode = data.path("kind");
        if (!kindNode.isMissingNode() && !kindNode.isNull()) {
            kind = kindNode.asText();
            if (!AnomalyKinds.isKind(kind)) {
                throw invalid("/kind", "kind must be one of " + AnomalyScore.KINDS + ", got \"" + kind + "\"");
            }
        }
        JsonNode samples = data.path("samples");
        if (!samples.isArray() || samples.isEmpty()) {
            throw invalid("/samples", "samples must be a non-empty array of [timestamp, value] pairs: an empty series "
                    + "has nothing to score");
        }
        long[] times = new long[samples.size()];
        double[] values = new double[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            JsonNode sample = samples.get(i);
            String at = "/samples/" + i;
            if (!sample.isArray() || sample.size() != 2) {
                throw invalid(at, "sample " + i + " must be a [timestamp, value] pair");
            }
            times[i] = timestamp(sample.get(0), at + "/0", i);
            values[i] = value(sample.get(1), at + "/1", i);
            if (i > 0 && times[i] == times[i - 1]) {
                throw invalid(at + "/0", "sample " + i + " has the same timestamp as sample " + (i - 1)
                        + ": every timestamp must be unique");
            }
            if (i > 0 && times[i] < times[i - 1]) {
                throw invalid(at + "/0", "sample " + i + " is older than sample " + (i - 1)
                        + ": samples must be in increasing time order");
            }
        }
        return new Batch(new Series(id.asText(), labels, times, values), kind);
    }

    private static long timestamp(JsonNode node, String pointer, int index) {
        if (node == null || node.isNull() || node.isMissingNode() || (node.isTextual() && node.asText().isBlank())) {
            throw invalid(pointer, "sample " + index + " has no timestamp");
        }
        if (node.isNumber()) {
            double seconds = node.asDouble();
            if (!Double.isFinite(seconds) || seconds < 0 || seconds > 32503680000d) {
                throw invalid(pointer, "sample " + index + " has a timestamp out of range: " + node);
            }
            return Math.round(seconds * 1000);
        }
        if (node.isTextual()) {
            try {
                return OffsetDateTime.parse(node.asText()).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                throw invalid(pointer, "sample " + index + " has a timestamp that is neither epoch seconds nor RFC 3339: \""
                        + node.asText() + "\"");
            }
        }
        throw invalid(pointer, "sample " + index + " has a timestamp that is neither epoch seconds nor RFC 3339");
    }

    private static double value(JsonNode node, String pointer, int index) {
        double value;
        if (node != null && node.isNumber()) {
            value = node.asDouble();
        } else if (node != null && node.isTextual()) {
            try {
                value = Double.parseDouble(node.asText().trim());
            } catch (NumberFormatException e) {
                throw invalid(pointer, "sample " + index + " has a value that is not a number: \"" + node.asText() + "\"");
            }
        } else {
            throw invalid(pointer, "sample " + index + " has no numeric value");
        }
        if (!Double.isFinite(value)) {
            throw invalid(pointer, "sample " + index + " is " + node.asText() + ": values must be finite numbers "
                    + "(leave a gap out rather than sending NaN)");
        }
        return value;
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static ProblemException invalid(String pointer, String detail) {
        return new ProblemException(ProblemTypes.invalidField(pointer, detail));
    }

    static List<String> names(Series series) {
        return List.of(series.id());
    }
}
