package io.autopilot.events;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;

/** Turns Jackson's read failures into problems that point at the offending member. */
public final class JsonProblems {

    private JsonProblems() {
    }

    public static Problem from(JsonProcessingException e) {
        String detail = e.getOriginalMessage() == null ? "unreadable JSON" : e.getOriginalMessage();
        if (e instanceof JsonParseException || !(e instanceof JsonMappingException mapping)) {
            return ProblemTypes.malformedJson("", "the body is not valid JSON: " + detail);
        }
        String pointer = pointer(mapping);
        return ProblemTypes.invalidField(pointer, (pointer.isEmpty() ? "the body" : pointer) + ": " + detail);
    }

    /** RFC 6901 pointer built from Jackson's reference path. */
    static String pointer(JsonMappingException e) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            pointer.append('/');
            if (ref.getFieldName() != null) {
                pointer.append(ref.getFieldName().replace("~", "~0").replace("/", "~1"));
            } else if (ref.getIndex() >= 0) {
                pointer.append(ref.getIndex());
            }
        }
        return pointer.toString();
    }
}
