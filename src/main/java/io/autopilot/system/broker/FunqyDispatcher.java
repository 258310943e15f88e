package io.autopilot.system.broker;

import java.io.IOException;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;

import io.autopilot.events.CloudEventEnvelope;
import io.autopilot.events.ProblemException;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.funqy.knative.events.AbstractCloudEvent;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.quarkus.funqy.runtime.FunctionInvoker;
import io.quarkus.funqy.runtime.FunctionRecorder;
import io.quarkus.funqy.runtime.FunqyServerResponse;
import io.quarkus.funqy.runtime.RequestContextImpl;
import io.quarkus.funqy.runtime.bindings.knative.events.FunqyRequestImpl;
import io.quarkus.funqy.runtime.bindings.knative.events.KnativeEventsBindingRecorder;
import io.smallrye.mutiny.Uni;

/**
 * Delivers to a Funqy function by name, in this JVM. Funqy's own CloudEvent endpoint routes by {@code ce-type} and
 * refuses a type that two functions consume (409), so it cannot fan out; the broker needs to address a function the
 * way a Trigger addresses a Knative Service. This is the one class that relies on Funqy internals
 * ({@link FunctionRecorder#registry} and the knative binding's data readers); the system tests break if they change.
 *
 * <p>The function sees what it would see behind a Knative Service: its data bound with Funqy's own reader, the
 * CloudEvent in its {@code @Context}, a request context active, and its return value wrapped as the reply event with
 * the function's {@code responseType} and {@code responseSource}.
 */
@ApplicationScoped
public class FunqyDispatcher implements FunctionDispatcher {

    @Override
    public boolean exists(String function) {
        return FunctionRecorder.registry != null && FunctionRecorder.registry.matchInvoker(function) != null;
    }

    @Override
    public Optional<CloudEventEnvelope> deliver(String function, CloudEventEnvelope event, Duration timeout) {
        FunctionInvoker invoker = FunctionRecorder.registry.matchInvoker(function);
        if (invoker == null) {
            throw new DeliveryFailure(404, true, "no function " + function + " in this runtime", null);
        }
        IncomingEvent incoming = new IncomingEvent(event, readData(invoker, event));
        Object input = !invoker.hasInput() ? null
                : invoker.getBindingContext().get(KnativeEventsBindingRecorder.INPUT_CE_DATA_TYPE) != null ? incoming
                        : incoming.data();
        Object output = invoke(invoker, incoming, input, timeout);
        return reply(invoker, event, output);
    }

    private static Object readData(FunctionInvoker invoker, CloudEventEnvelope event) {
        if (!invoker.hasInput() || !event.hasData()) {
            return null;
        }
        if (!event.isJsonData()) {
            throw new DeliveryFailure(415, true, "function " + invoker.getName() + " reads JSON data, the event carries "
                    + event.datacontenttype(), null);
        }
        ObjectReader reader = (ObjectReader) invoker.getBindingContext().get(KnativeEventsBindingRecorder.DATA_OBJECT_READER);
        try {
            return reader.readValue(event.data());
        } catch (IOException e) {
            throw new DeliveryFailure(400, true, "event data does not bind to " + invoker.getInputType().getTypeName()
                    + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    private static Object invoke(FunctionInvoker invoker, CloudEvent<?> incoming, Object input, Duration timeout) {
        ManagedContext requestContext = Arc.container().requestContext();
        requestContext.activate();
        try {
            RequestContextImpl context = new RequestContextImpl();
            context.setContextData(CloudEvent.class, incoming);
            Response response = new Response();
            invoker.invoke(new FunqyRequestImpl(context, input), response);
            return response.getOutput().await().atMost(timeout);
        } catch (RuntimeException e) {
            throw failure(invoker.getName(), e);
        } finally {
            requestContext.terminate();
        }
    }

    private static DeliveryFailure failure(String function, RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProblemException problem) {
                return new DeliveryFailure(problem.problem().status(), problem.isPermanent(),
                        function + " answered " + problem.problem().status() + ": " + problem.problem().detail(), e);
            }
        }
        if (e instanceof io.smallrye.mutiny.TimeoutException) {
            return new DeliveryFailure(504, false, function + " did not answer in time", e);
        }
        Throwable root = e.getCause() != null ? e.getCause() : e;
        return new DeliveryFailure(500, false, function + " failed: " + root, e);
    }

    private static Optional<CloudEventEnvelope> reply(FunctionInvoker invoker, CloudEventEnvelope cause, Object output) {
        if (!invoker.hasOutput() || output == null) {
            return Optional.empty();
        }
        Map<String, Object> binding = invoker.getBindingContext();
        String type = (String) binding.get(KnativeEventsBindingRecorder.RESPONSE_TYPE);
        String source = (String) binding.get(KnativeEventsBindingRecorder.RESPONSE_SOURCE);
        ObjectWriter writer = (ObjectWriter) binding.get(KnativeEventsBindingRecorder.DATA_OBJECT_WRITER);
        try {
            if (binding.get(KnativeEventsBindingRecorder.OUTPUT_CE_DATA_TYPE) != null) {
                CloudEvent<?> out = (CloudEvent<?>) output;
                return Optional.of(new CloudEventEnvelope(CloudEventEnvelope.SPEC_VERSION,
                        out.id() != null ? out.id() : UUID.randomUUID().toString(),
                        out.source() != null ? out.source() : source, out.type() != null ? out.type() : type,
                        out.subject(), out.time() == null ? null : out.time().toString(), out.dataSchema(),
                        out.data() == null ? null : CloudEventEnvelope.JSON, out.extensions(),
                        out.data() == null ? null : writer.writeValueAsBytes(out.data())));
            }
            return Optional.of(CloudEventEnvelope.json(UUID.randomUUID().toString(), type, source, cause.subject(),
                    null, Map.of(), writer.writeValueAsBytes(output)));
        } catch (JsonProcessingException e) {
            throw new DeliveryFailure(500, false, invoker.getName() + " returned a value that does not serialise", e);
        }
    }

    /** Funqy's response holder is package-private to its binding; this one only keeps the output. */
    private static final class Response implements FunqyServerResponse {
        private Uni<?> output;

        @Override
        public Uni<?> getOutput() {
            return output;
        }

        @Override
        public void setOutput(Uni<?> out) {
            this.output = out;
        }
    }

    /** The event as the function's {@code CloudEvent<T>} parameter or {@code @Context} sees it. */
    static final class IncomingEvent extends AbstractCloudEvent<Object> {
        private final CloudEventEnvelope event;
        private final Object data;

        IncomingEvent(CloudEventEnvelope event, Object data) {
            this.event = event;
            this.data = data;
        }

        @Override
        public String id() {
            return event.id();
        }

        @Override
        public String specVersion() {
            return event.specversion();
        }

        @Override
        public String source() {
            return event.source();
        }

        @Override
        public String type() {
            return event.type();
        }

        @Override
        public String subject() {
            return event.subject();
        }

        @Override
        public OffsetDateTime time() {
            return event.time() == null ? null : OffsetDateTime.parse(event.time());
        }

        @Override
        public Map<String, String> extensions() {
            return event.extensions();
        }

        @Override
        public String dataSchema() {
            return event.dataschema();
        }

        @Override
        public String dataContentType() {
            return event.datacontenttype();
        }

        @Override
        public Object data() {
            return data;
        }

        @Override
        public String toString() {
            return event + " with " + (event.data() == null ? 0 : event.data().length) + " bytes of data";
        }
    }
}
