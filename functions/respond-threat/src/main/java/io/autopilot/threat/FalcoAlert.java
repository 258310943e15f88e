package io.autopilot.threat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One Falco alert as Falco's JSON output and Falcosidekick send it (the data of {@code falco.rule.output.v1}).
 * {@code output_fields} differ per Falco rule (exactly the fields its output names), so they stay a map.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FalcoAlert(String uuid, String output, String priority, String rule, String time,
        @JsonProperty("output_fields") Map<String, Object> outputFields, String source, List<String> tags,
        String hostname) {

    public static final String NAMESPACE_FIELD = "k8s.ns.name";
    public static final String POD_FIELD = "k8s.pod.name";

    public FalcoAlert {
        outputFields = outputFields == null ? Map.of() : outputFields;
        tags = tags == null ? List.of() : tags;
    }

    /** An output field as text, or null when absent ({@code <NA>}, Falco's "not available", counts as absent). */
    public String field(String name) {
        Object value = outputFields.get(name);
        if (value == null) {
            return null;
        }
        String text = String.valueOf(value);
        return text.isEmpty() || text.equals("<NA>") ? null : text;
    }

    public String namespace() {
        return field(NAMESPACE_FIELD);
    }

    public String pod() {
        return field(POD_FIELD);
    }
}
