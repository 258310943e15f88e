package io.autopilot.system.broker;

import java.util.List;
import java.util.Map;

import io.autopilot.events.CloudEventEnvelope;

/**
 * A Trigger's filter, as Knative evaluates it. The legacy {@code filter.attributes} map is an {@link Exact} whose
 * empty values match anything; {@code spec.filters} entries (CloudEvents Subscriptions API dialects) are ANDed.
 */
sealed interface TriggerFilter {

    boolean matches(CloudEventEnvelope event);

    /** Matches every event: a Trigger without a filter. */
    record MatchAll() implements TriggerFilter {
        @Override
        public boolean matches(CloudEventEnvelope event) {
            return true;
        }
    }

    /** Every attribute equals its value; in the legacy filter an empty value means "any value". */
    record Exact(Map<String, String> attributes, boolean emptyMatchesAny) implements TriggerFilter {
        @Override
        public boolean matches(CloudEventEnvelope event) {
            return attributes.entrySet().stream().allMatch(a -> emptyMatchesAny && a.getValue().isEmpty()
                    || a.getValue().equals(event.attribute(a.getKey())));
        }
    }

    record Prefix(Map<String, String> attributes) implements TriggerFilter {
        @Override
        public boolean matches(CloudEventEnvelope event) {
            return attributes.entrySet().stream().allMatch(a -> {
                String value = event.attribute(a.getKey());
                return value != null && value.startsWith(a.getValue());
            });
        }
    }

    record Suffix(Map<String, String> attributes) implements TriggerFilter {
        @Override
        public boolean matches(CloudEventEnvelope event) {
            return attributes.entrySet().stream().allMatch(a -> {
                String value = event.attribute(a.getKey());
                return value != null && value.endsWith(a.getValue());
            });
        }
    }

    record All(List<TriggerFilter> filters) implements TriggerFilter {
        @Override
        public boolean matches(CloudEventEnvelope event) {
            return filters.stream().allMatch(f -> f.matches(event));
        }
    }

    record Any(List<TriggerFilter> filters) implements TriggerFilter {
        @Override
        public boolean matches(CloudEventEnvelope event) {
            return filters.stream().anyMatch(f -> f.matches(event));
        }
    }

    record Not(TriggerFilter filter) implements TriggerFilter {
        @Override
        public boolean matches(CloudEventEnvelope event) {
            return !filter.matches(event);
        }
    }
}
