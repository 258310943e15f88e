package io.autopilot.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares, on a {@code @Funq} method, which {@link EventTypes} it consumes and emits.
 *
 * <p>Functions do not bind their trigger types in code (two functions consuming one type could not share the
 * one-process runtime otherwise): the Knative Triggers route. This annotation is what tests check those Triggers and
 * the docs against, so the routing table cannot drift from what the code handles.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface EventContract {

    /** The event types this function accepts. */
    String[] consumes();

    /** The event types this function emits, as replies or through its sink. */
    String[] emits() default {};
}
