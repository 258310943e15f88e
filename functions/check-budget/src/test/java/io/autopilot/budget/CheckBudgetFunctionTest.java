package io.autopilot.budget;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.autopilot.events.CloudEventEnvelope;
import io.autopilot.events.EventSources;
import io.autopilot.events.EventTypes;
import io.autopilot.events.SampleEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.autopilot.events.testing.CapturingSink;
import io.autopilot.events.testing.CloudEvents;

/**
 * check-budget as a Knative subscriber, in binary and structured CloudEvent modes. Exports are synthetic FOCUS 1.2
 * month-to-date files under target/exports, reached through file: URLs or over HTTP from {@link TestObjects}; the
 * emitted events are read back from {@link CapturingSink} on the wire.
 */
@QuarkusTest
class CheckBudgetFunctionTest {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static Path root;
    static Path may;

    @Inject
    CheckBudgetService service;

    @BeforeAll
    static void exports() throws IOException {
        root = Path.of(System.getProperty("autopilot.check-budget.local-dir"));
        may = root.resolve("billing-exports/focus/2026-05/export.csv");
        Files.createDirectories(may.getParent());
        SyntheticFocus.write(may, LocalDate.of(2026, 5, 1), 10, 1, 0.5, 11);
        Path blob = root.resolve("exports/focus/2026-05/part_0_0001.csv");
        Files.createDirectories(blob.getParent());
        Files.copy(may, blob, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @BeforeEach
    void reset() {
        CapturingSink.reset();
        service.reset();
        CloudEvents.noCharsetAppended();
    }

    private static String landed(String url) {
        return "{\"specversion\":\"1.0\",\"id\":\"landed-" + Math.abs(url.hashCode()) + "\",\"source\":\"/test\","
                + "\"type\":\"" + EventTypes.BILLING_EXPORT_LANDED + "\",\"datacontenttype\":\"application/json\","
                + "\"data\":{\"url\":\"" + url + "\"}}";
    }

    private static List<CloudEventEnvelope> sent(String type) {
        return CapturingSink.RECEIVED.stream().filter(e -> e.type().equals(type)).toList();
    }

    @Test
    void aLandedExportInStructuredModeIsEvaluatedAgainstEveryBudget() throws IOException {
        given().contentType("application/cloudevents+json").body(landed(may.toUri().toString()))
                .when().post("/").then().statusCode(204);
        List<CloudEventEnvelope> evaluated = sent(EventTypes.BUDGET_EVALUATED);
        assertEquals(List.of("platform", "payments-team", "eu"), evaluated.stream().map(CloudEventEnvelope::subject)
                .toList());
        evaluated.forEach(e -> assertEquals(EventSources.CHECK_BUDGET, e.source()));
        JsonNode platform = MAPPER.readTree(evaluated.get(0).data());
        assertEquals("2026-05-01", platform.get("periodStart").asText());
        assertEquals("run-rate", platform.at("/forecast/method").asText());
        assertEquals("2026-05-11T00:00Z", platform.get("freshness").asText());
        JsonNode eu = MAPPER.readTree(evaluated.get(2).data());
        assertEquals("EUR", eu.get("currency").asText());
        assertTrue(eu.get("actual").asDouble() > 0 && eu.get("actual").asDouble() < 1000, eu.toString());
    }

    @Test
    void aBreachEmitsExceededOncePerThresholdAndOneApprovalRequestNamingTopContributors() throws IOException {
        given().contentType("application/cloudevents+json").body(landed(may.toUri().toString()))
                .when().post("/").then().statusCode(204);
        List<CloudEventEnvelope> exceeded = sent(EventTypes.BUDGET_EXCEEDED);
        assertFalse(exceeded.isEmpty());
        exceeded.forEach(e -> assertEquals("platform", e.subject()));
        List<CloudEventEnvelope> approvals = sent(EventTypes.APPROVAL_REQUESTED);
        assertEquals(1, approvals.size());
        JsonNode approval = MAPPER.readTree(approvals.get(0).data());
        assertEquals("continue-spend", approval.get("action").asText());
        assertEquals("AmazonEC2", approval.at("/facts/topContributors/services/0/value").asText());
        // the same export again (a re-delivery or restatement): evaluations, but no second breach or approval
        CapturingSink.reset();
        given().contentType("application/cloudevents+json").body(landed(may.toUri().toString()))
                .when().post("/").then().statusCode(204);
        assertEquals(3, sent(EventTypes.BUDGET_EVALUATED).size());
        assertTrue(sent(EventTypes.BUDGET_EXCEEDED).isEmpty());
        assertTrue(sent(EventTypes.APPROVAL_REQUESTED).isEmpty());
    }

    @Test
    void aGcsFinalizedEventInBinaryModeIsFetchedOverHttpFromItsBucket() throws IOException {
        JsonNode sample = MAPPER.readTree(SampleEvents.bytes(EventTypes.GCS_OBJECT_FINALIZED, "valid-focus-export.json"));
        given().contentType("application/json").header("ce-specversion", "1.0")
                .header("ce-id", sample.get("id").asText()).header("ce-type", EventTypes.GCS_OBJECT_FINALIZED)
                .header("ce-source", sample.get("source").asText()).body(sample.get("data").toString())
                .when().post("/").then().statusCode(204);
        assertEquals(3, sent(EventTypes.BUDGET_EVALUATED).size());
    }

    @Test
    void anS3ObjectCreatedEventBridgeEnvelopeInStructuredModeIsFetchedFromTheConfiguredEndpoint() {
        given().contentType("application/cloudevents+json")
                .body(SampleEvents.bytes(EventTypes.S3_OBJECT_CREATED, "valid-eventbridge-object-created.json"))
                .when().post("/").then().statusCode(204);
        assertEquals(3, sent(EventTypes.BUDGET_EVALUATED).size());
    }

    @Test
    void anAzureBlobCreatedEventInBinaryModeIsFetchedFromItsUrl() throws IOException {
        ObjectNode data = (ObjectNode) MAPPER.readTree(SampleEvents.bytes(EventTypes.AZURE_BLOB_CREATED,
                "valid-cost-export-blob.json")).get("data");
        data.put("url", "http://localhost:" + System.getProperty("quarkus.http.test-port")
                + "/test-objects/exports/focus/2026-05/part_0_0001.csv");
        given().contentType("application/json").header("ce-specversion", "1.0").header("ce-id", "blob-1")
                .header("ce-type", EventTypes.AZURE_BLOB_CREATED).header("ce-source", "/subscriptions/x")
                .body(data.toString()).when().post("/").then().statusCode(204);
        assertEquals(3, sent(EventTypes.BUDGET_EVALUATED).size());
    }

    @Test
    void theDailyPingReEvaluatesTheKnownExportsWithoutFiringAgain() {
        given().contentType("application/cloudevents+json").body(landed(may.toUri().toString()))
                .when().post("/").then().statusCode(204);
        List<String> firstIds = sent(EventTypes.BUDGET_EVALUATED).stream().map(CloudEventEnvelope::id).toList();
        CapturingSink.reset();
        given().contentType("application/cloudevents+json")
                .body(SampleEvents.bytes(EventTypes.PING, "valid-daily.json")).when().post("/").then()
                .statusCode(204);
        assertEquals(firstIds, sent(EventTypes.BUDGET_EVALUATED).stream().map(CloudEventEnvelope::id).toList(),
                "unchanged data, unchanged evaluation ids: the broker drops them as duplicates");
        assertTrue(sent(EventTypes.BUDGET_EXCEEDED).isEmpty());
    }

    @Test
    void aPingBeforeAnyExportEvaluatesNothingAndSaysSo() {
        given().contentType("application/json").header("ce-specversion", "1.0").header("ce-id", "p1")
                .header("ce-type", EventTypes.PING).header("ce-source", "/ping").body("{}")
                .when().post("/").then().statusCode(204);
        assertTrue(CapturingSink.RECEIVED.isEmpty());
    }

    @Test
    void refusesLocalFilesOutsideTheAllowedFolder() throws IOException {
        Path outside = root.getParent().resolve("outside.csv");
        Files.copy(may, outside, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        given().contentType("application/cloudevents+json").body(landed(root.toUri() + "../outside.csv"))
                .when().post("/").then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:autopilot:problem:forbidden"));
        assertTrue(CapturingSink.RECEIVED.isEmpty());
    }

    @Test
    void refusesAFileThatIsNoBillingExportWith422() throws IOException {
        Path notes = root.resolve("notes.csv");
        Files.writeString(notes, "a,b\n1,2\n");
        given().contentType("application/cloudevents+json").body(landed(notes.toUri().toString()))
                .when().post("/").then().statusCode(422).body("detail", org.hamcrest.Matchers.containsString(
                        "not a billing export"));
    }

    @Test
    void refusesEveryFailingSampleOfItsTriggerTypesInBothModesAndEmitsNothing() throws IOException {
        for (String type : List.of(EventTypes.GCS_OBJECT_FINALIZED, EventTypes.S3_OBJECT_CREATED,
                EventTypes.AZURE_BLOB_CREATED, EventTypes.BILLING_EXPORT_LANDED)) {
            for (SampleEvents.Sample s : SampleEvents.ofType(type)) {
                if (s.valid() || s.name().startsWith(SampleEvents.ENVELOPE_FAILURE)) {
                    continue;
                }
                given().contentType("application/cloudevents+json").body(s.bytes()).when().post("/").then()
                        .statusCode(400).contentType("application/problem+json");
                JsonNode sample = MAPPER.readTree(s.bytes());
                given().contentType("application/json").header("ce-specversion", "1.0").header("ce-id", "b")
                        .header("ce-type", type).header("ce-source", "/s").body(sample.get("data").toString())
                        .when().post("/").then().statusCode(400).contentType("application/problem+json");
            }
        }
        assertTrue(CapturingSink.RECEIVED.isEmpty());
    }

    @Test
    void skipsObjectsThatAreNotExportFilesExplicitly() {
        given().contentType("application/json").header("ce-specversion", "1.0").header("ce-id", "m1")
                .header("ce-type", EventTypes.GCS_OBJECT_FINALIZED).header("ce-source", "/gcs")
                .body("{\"bucket\":\"billing-exports\",\"name\":\"focus/2026-05/manifest.json\"}")
                .when().post("/").then().statusCode(204);
        assertTrue(CapturingSink.RECEIVED.isEmpty());
    }

    @Test
    void aSinkOutageIsA503AndTheRetryStillFiresTheThresholds() {
        CapturingSink.unavailable = true;
        given().contentType("application/cloudevents+json").body(landed(may.toUri().toString()))
                .when().post("/").then().statusCode(503);
        CapturingSink.unavailable = false;
        given().contentType("application/cloudevents+json").body(landed(may.toUri().toString()))
                .when().post("/").then().statusCode(204);
        assertFalse(sent(EventTypes.BUDGET_EXCEEDED).isEmpty());
        assertEquals(1, sent(EventTypes.APPROVAL_REQUESTED).size());
    }

    @Test
    void aRestartedServiceTakesItsStateBackAndDoesNotFireTwice() throws IOException {
        given().contentType("application/cloudevents+json").body(landed(may.toUri().toString()))
                .when().post("/").then().statusCode(204);
        assertFalse(sent(EventTypes.BUDGET_EXCEEDED).isEmpty());
        String actual = MAPPER.readTree(sent(EventTypes.BUDGET_EVALUATED).get(0).data()).get("actual").asText();
        Path state = Path.of(System.getProperty("autopilot.check-budget.state-dir"), StateStore.FILE);
        assertTrue(Files.exists(state));
        service.forgetMemory(); // what a restart does to the process
        CapturingSink.reset();
        // the daily ping after the restart: the export is still known, its thresholds are still fired
        given().contentType("application/cloudevents+json")
                .body(SampleEvents.bytes(EventTypes.PING, "valid-daily.json")).when().post("/").then()
                .statusCode(204);
        List<CloudEventEnvelope> evaluated = sent(EventTypes.BUDGET_EVALUATED);
        assertEquals(3, evaluated.size());
        assertEquals(actual, MAPPER.readTree(evaluated.get(0).data()).get("actual").asText());
        assertTrue(sent(EventTypes.BUDGET_EXCEEDED).isEmpty(), "fired before the restart");
        assertTrue(sent(EventTypes.APPROVAL_REQUESTED).isEmpty());
    }

    @Test
    void theStateFileHoldsNoQueryStrings() throws IOException {
        String url = "http://localhost:" + System.getProperty("quarkus.http.test-port")
                + "/test-objects/exports/focus/2026-05/part_0_0001.csv?sig=SECRET-SAS-TOKEN&se=2099";
        given().contentType("application/cloudevents+json").body(landed(url)).when().post("/").then()
                .statusCode(204);
        String state = Files.readString(Path.of(System.getProperty("autopilot.check-budget.state-dir"),
                StateStore.FILE));
        assertTrue(state.contains("part_0_0001.csv"), state);
        assertFalse(state.contains("SECRET-SAS-TOKEN"), "credentials in the state file");
    }

    @Test
    void anUnreadableStateIsA503AndIsNotOverwritten() throws IOException {
        Path state = Path.of(System.getProperty("autopilot.check-budget.state-dir"), StateStore.FILE);
        Files.createDirectories(state.getParent());
        Files.writeString(state, "{ not json");
        service.forgetMemory();
        given().contentType("application/cloudevents+json").body(landed(may.toUri().toString()))
                .when().post("/").then().statusCode(503).contentType("application/problem+json");
        assertEquals("{ not json", Files.readString(state));
        assertTrue(CapturingSink.RECEIVED.isEmpty());
    }
}
