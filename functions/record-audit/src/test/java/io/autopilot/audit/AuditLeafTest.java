package io.autopilot.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The leaf format docs/record-audit.md documents, exactly. */
class AuditLeafTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void encodesTheDocumentedCanonicalForm() throws Exception {
        AuditLeaf leaf = AuditLeaf.of("/autopilot/functions/place-workloads", "e1", "io.autopilot.placement.decided",
                "shop/search@1", OffsetDateTime.parse("2026-11-26T13:00:00.5+01:00"),
                mapper.readTree("{\"z\":1,\"a\":{\"y\":[true,null,\"\u00e9\"],\"b\":2.50}}"));
        assertEquals("{\"data\":{\"a\":{\"b\":2.5,\"y\":[true,null,\"\u00e9\"]},\"z\":1},\"id\":\"e1\","
                + "\"source\":\"/autopilot/functions/place-workloads\",\"subject\":\"shop/search@1\","
                + "\"time\":\"2026-11-26T12:00:00.500Z\",\"type\":\"io.autopilot.placement.decided\",\"v\":1}",
                new String(leaf.encode(), StandardCharsets.UTF_8));
    }

    @Test
    void keyOrderOfTheIncomingDataDoesNotChangeTheLeaf() throws Exception {
        AuditLeaf a = AuditLeaf.of("s", "i", "t", null, null, mapper.readTree("{\"b\":1,\"a\":[{\"d\":1,\"c\":2}]}"));
        AuditLeaf b = AuditLeaf.of("s", "i", "t", null, null, mapper.readTree("{ \"a\" : [ {\"c\":2, \"d\":1} ], \"b\" : 1 }"));
        assertArrayEquals(a.encode(), b.encode());
    }

    @Test
    void absentSubjectTimeAndDataAreNulls() {
        assertEquals("{\"data\":null,\"id\":\"i\",\"source\":\"s\",\"subject\":null,\"time\":null,\"type\":\"t\",\"v\":1}",
                new String(AuditLeaf.of("s", "i", "t", null, null, null).encode(), StandardCharsets.UTF_8));
    }

    @Test
    void decodesWhatItEncodes() throws Exception {
        AuditLeaf leaf = AuditLeaf.of("s", "i", "t", "sub", OffsetDateTime.parse("2026-01-01T00:00:00Z"),
                mapper.readTree("{\"k\":\"v\"}"));
        AuditLeaf back = AuditLeaf.decode(leaf.encode());
        assertEquals("t", back.type());
        assertEquals("sub", back.subject());
        assertArrayEquals(leaf.encode(), back.encode());
    }
}
