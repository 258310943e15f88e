package io.autopilot.audit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.autopilot.audit.note.NoteKey;
import io.autopilot.audit.verify.LedgerVerifier;
import io.autopilot.events.EventTypes;
import io.autopilot.events.SampleEvents;
import io.autopilot.audit.store.PostgresServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * The function configured as in a cluster ({@code store=postgresql}) against a real PostgreSQL: events land as rows
 * once each, the verifier accepts the log, and a row changed with SQL makes it fail.
 */
@QuarkusTest
@TestProfile(PostgresRecordAuditTest.OnPostgres.class)
class PostgresRecordAuditTest {

    public static class OnPostgres implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PostgresLedgerResource.class));
        }
    }

    @Test
    void recordsIntoPostgresqlOnceAndDetectsARowChangedBySql() throws Exception {
        PostgresServer.assumeInstalled();
        String url = ConfigProvider.getConfig().getValue("autopilot.test.postgres-url", String.class);
        ObjectMapper mapper = new ObjectMapper();
        for (int i = 0; i < 3; i++) {
            ObjectNode event = (ObjectNode) mapper.readTree(SampleEvents.bytes(EventTypes.PLACEMENT_DECIDED, "valid-placed.json"));
            event.put("id", "pg-" + i + "-" + UUID.randomUUID());
            for (int twice = 0; twice < 2; twice++) {
                given().contentType("application/cloudevents+json").body(event.toString()).post("/").then().statusCode(204);
            }
        }
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM audit_entry")) {
            rs.next();
            assertEquals(3, rs.getLong(1));
        }
        List<NoteKey> keys = given().get("/audit/keys").then().statusCode(200).extract().asString().lines()
                .map(NoteKey::parseVkey).toList();
        LedgerVerifier.Report report = new LedgerVerifier(PostgresRecordAuditTest::get, 4, new Random(5)).verify(keys, null, s -> { });
        assertTrue(report.ok(), report.failures().toString());

        try (Connection c = DriverManager.getConnection(url, "postgres", "");
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE audit_entry SET leaf = convert_to(replace(convert_from(leaf, 'UTF8'), 'placed', 'PLACED'), 'UTF8') WHERE idx = 1")) {
            assertEquals(1, ps.executeUpdate());
        }
        LedgerVerifier.Report tampered = new LedgerVerifier(PostgresRecordAuditTest::get, 4, new Random(5)).verify(keys, null, s -> { });
        assertFalse(tampered.ok());
        assertTrue(tampered.failures().stream().anyMatch(f -> f.contains("altered")), tampered.failures().toString());
    }

    private static String get(String path) throws java.io.IOException {
        Response r = given().urlEncodingEnabled(false).get(path);
        if (r.statusCode() != 200) {
            throw new java.io.IOException(path + " answered " + r.statusCode());
        }
        return r.asString();
    }
}
