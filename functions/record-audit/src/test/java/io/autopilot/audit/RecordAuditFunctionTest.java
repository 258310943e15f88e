package io.autopilot.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.autopilot.audit.merkle.Rfc9162;
import io.autopilot.audit.note.Checkpoint;
import io.autopilot.audit.note.LogKeys;
import io.autopilot.audit.note.NoteKey;
import io.autopilot.audit.verify.LedgerVerifier;
import io.autopilot.events.EventTypes;
import io.autopilot.events.SampleEvents;
import io.autopilot.events.testing.CloudEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.Response;

/**
 * The function over HTTP, as a Knative Service receives events (binary and structured CloudEvents), and the read API
 * verify-audit uses, on the embedded store in a fresh directory ({@link FreshLedger}).
 */
@QuarkusTest
@QuarkusTestResource(FreshLedger.class)
class RecordAuditFunctionTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeEach
    void plainContentTypes() {
        CloudEvents.noCharsetAppended();
    }

    private ObjectNode sample(String type, String name) throws Exception {
        ObjectNode event = (ObjectNode) mapper.readTree(SampleEvents.bytes(type, name));
        event.put("id", name + "-" + UUID.randomUUID());
        return event;
    }

    private static long size() {
        return Long.parseLong(given().get("/audit/checkpoint").then().statusCode(200).extract().asString().split("\n")[1]);
    }

    private static void structured(ObjectNode event, int status) {
        given().contentType("application/cloudevents+json").body(event.toString()).post("/").then().statusCode(status);
    }

    private static void binary(ObjectNode event, int status) {
        var request = given().contentType("application/json").header("ce-specversion", "1.0")
                .header("ce-id", event.get("id").asText()).header("ce-type", event.get("type").asText())
                .header("ce-source", event.get("source").asText());
        if (event.hasNonNull("subject")) {
            request.header("ce-subject", event.get("subject").asText());
        }
        if (event.hasNonNull("time")) {
            request.header("ce-time", event.get("time").asText());
        }
        request.body(event.get("data").toString()).post("/").then().statusCode(status);
    }

    private static List<Map<String, Object>> entries(long start, long end) {
        return given().queryParam("start", start).queryParam("end", end).get("/audit/entries")
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    @Test
    void recordsAStructuredModeDecisionAsOneLeafWithItsTypeAndSubject() throws Exception {
        ObjectNode event = sample(EventTypes.PLACEMENT_DECIDED, "valid-placed.json");
        long before = size();
        structured(event, 204);
        assertEquals(before + 1, size());
        Map<String, Object> entry = entries(before, before + 1).get(0);
        assertEquals(EventTypes.PLACEMENT_DECIDED, entry.get("type"));
        assertEquals(event.get("subject").asText(), entry.get("subject"));
        AuditLeaf leaf = AuditLeaf.decode(Base64.getDecoder().decode((String) entry.get("leaf")));
        assertEquals(event.get("id").asText(), leaf.id());
        assertEquals(event.get("data"), leaf.data());
    }

    @Test
    void recordsABinaryModeDecisionAsTheSameLeafAStructuredOneWouldBe() throws Exception {
        ObjectNode event = sample(EventTypes.PLACEMENT_INFEASIBLE, "valid-residency.json");
        long before = size();
        binary(event, 204);
        assertEquals(before + 1, size());
        byte[] leaf = Base64.getDecoder().decode((String) entries(before, before + 1).get(0).get("leaf"));
        assertEquals(EventTypes.PLACEMENT_INFEASIBLE, AuditLeaf.decode(leaf).type());
        // the leaf is a function of the event, not of the transfer mode
        ObjectNode again = event.deepCopy();
        again.put("id", event.get("id").asText() + "-structured");
        structured(again, 204);
        byte[] other = Base64.getDecoder().decode((String) entries(before + 1, before + 2).get(0).get("leaf"));
        assertEquals(new String(leaf, StandardCharsets.UTF_8).replace(event.get("id").asText(), again.get("id").asText()),
                new String(other, StandardCharsets.UTF_8));
    }

    @Test
    void appendsARedeliveredEventOnceInEitherMode() throws Exception {
        ObjectNode event = sample(EventTypes.PLACEMENT_DECIDED, "valid-placed.json");
        long before = size();
        structured(event, 204);
        structured(event, 204);
        binary(event, 204);
        assertEquals(before + 1, size());
    }

    @Test
    void refusesAnEventTypeThatIsNotADecision() throws Exception {
        long before = size();
        given().contentType("application/cloudevents+json")
                .body(sample(EventTypes.PLACEMENT_REQUESTED, "valid-batch.json").toString()).post("/")
                .then().statusCode(400).contentType("application/problem+json").body("header", equalTo("ce-type"));
        assertEquals(before, size());
    }

    @Test
    void refusesInvalidEnvelopesAndRecordsNothing() {
        long before = size();
        for (String type : List.of(EventTypes.PLACEMENT_DECIDED, EventTypes.PLACEMENT_INFEASIBLE)) {
            SampleEvents.ofType(type).stream().filter(s -> !s.valid()).forEach(s -> given()
                    .contentType("application/cloudevents+json").body(s.bytes()).post("/")
                    .then().statusCode(400).contentType("application/problem+json"));
        }
        assertEquals(before, size());
    }

    @Test
    void servesACheckpointTheVerifierAcceptsWithThePublishedKeys() throws Exception {
        structured(sample(EventTypes.PLACEMENT_DECIDED, "valid-placed.json"), 204);
        String note = given().get("/audit/checkpoint").then().statusCode(200)
                .contentType("text/plain; charset=utf-8").extract().asString();
        Checkpoint cp = Checkpoint.parse(note);
        assertEquals("autopilot.local/audit", cp.origin());
        assertTrue(note.contains("\n\n\u2014 autopilot.local/audit "), note);
        assertTrue(note.contains("\n\u2014 autopilot.local/audit/mldsa44 "), note);
        List<NoteKey> keys = given().get("/audit/keys").then().statusCode(200).extract().asString().lines()
                .map(NoteKey::parseVkey).toList();
        assertEquals(List.of(NoteKey.ED25519, NoteKey.MLDSA44_COSIGNATURE), keys.stream().map(NoteKey::type).toList());
        LedgerVerifier.Report report = new LedgerVerifier(RecordAuditFunctionTest::get, 8, new Random(7))
                .verify(keys, null, s -> { });
        assertTrue(report.ok(), report.failures().toString());
        assertEquals(cp.size(), report.size());
        long index = cp.size() - 1;
        List<String> hashes = given().queryParam("index", index).queryParam("size", cp.size())
                .get("/audit/proof/inclusion").then().statusCode(200).extract().jsonPath().getList("hashes");
        byte[] leaf = Base64.getDecoder().decode((String) entries(index, index + 1).get(0).get("leaf"));
        assertTrue(Rfc9162.verifyInclusion(index, cp.size(), Rfc9162.leafHash(leaf),
                hashes.stream().map(Base64.getDecoder()::decode).toList(), cp.root()));
    }

    @Test
    void theVerifyCommandExitsZeroWithTheRightKeysAndOneWithOthers(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        structured(sample(EventTypes.PLACEMENT_DECIDED, "valid-placed.json"), 204);
        Path keys = tmp.resolve("keys.txt");
        Files.writeString(keys, given().get("/audit/keys").then().extract().asString());
        String base = "http://localhost:" + RestAssured.port;
        Path saved = tmp.resolve("checkpoint.txt");
        assertEquals(0, io.autopilot.audit.verify.VerifyAuditCommandAccess.run(base, "--keys", keys.toString(),
                "--save", saved.toString()));
        structured(sample(EventTypes.PLACEMENT_DECIDED, "valid-placed.json"), 204);
        assertEquals(0, io.autopilot.audit.verify.VerifyAuditCommandAccess.run(base, "--keys", keys.toString(),
                "--previous", saved.toString()));
        SecureRandom random = new SecureRandom();
        LogKeys other = LogKeys.of("autopilot.local/audit", LogKeys.newPair("Ed25519", random),
                LogKeys.newPair("ML-DSA-44", random));
        Files.writeString(keys, other.ed25519Public().vkey() + "\n" + other.mlDsa44Public().vkey() + "\n");
        assertEquals(1, io.autopilot.audit.verify.VerifyAuditCommandAccess.run(base, "--keys", keys.toString()));
        assertEquals(2, io.autopilot.audit.verify.VerifyAuditCommandAccess.run());
    }

    @Test
    void answersBadParametersWith400NamingTheParameter() throws Exception {
        structured(sample(EventTypes.PLACEMENT_DECIDED, "valid-placed.json"), 204);
        long n = size();
        assertBad(given().get("/audit/entries?end=1"), "start");
        assertBad(given().get("/audit/entries?start=x&end=1"), "start");
        assertBad(given().get("/audit/entries?start=-1&end=1"), "start");
        assertBad(given().get("/audit/entries?start=0&end=0"), "end");
        assertBad(given().get("/audit/entries?start=0&end=" + (n + 1)), "end");
        assertBad(given().get("/audit/entries?start=" + n + "&end=" + (n + 1)), "start");
        assertBad(given().get("/audit/entries?start=0&start=1&end=1"), "start");
        assertBad(given().get("/audit/entries?start=0&end=99999999999999999999"), "end");
        assertBad(given().get("/audit/proof/inclusion?index=0"), "size");
        assertBad(given().get("/audit/proof/inclusion?index=" + n + "&size=" + n), "index");
        assertBad(given().get("/audit/proof/inclusion?index=0&size=" + (n + 1)), "size");
        assertBad(given().get("/audit/proof/inclusion?index=0&size=0"), "size");
        assertBad(given().get("/audit/proof/consistency?from=0&to=" + n), "from");
        assertBad(given().get("/audit/proof/consistency?from=2&to=1"), "from");
        assertBad(given().get("/audit/proof/consistency?from=1&to=" + (n + 1)), "to");
        assertBad(given().get("/audit/proof/consistency?from=1&to=1.5"), "to");
        given().post("/audit/entries?start=0&end=1").then().statusCode(405).contentType("application/problem+json");
        given().get("/audit/proof/consistency?from=1&to=1").then().statusCode(200).body("hashes.size()", equalTo(0));
    }

    @Test
    void reportsTheLedgerInTheReadinessCheck() throws Exception {
        structured(sample(EventTypes.PLACEMENT_DECIDED, "valid-placed.json"), 204);
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'record-audit ledger' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'record-audit ledger' }.data.entries", equalTo((int) size()));
    }

    @Test
    void neverWritesKeyMaterialToTheLogOrTheApi() throws Exception {
        structured(sample(EventTypes.PLACEMENT_DECIDED, "valid-placed.json"), 204);
        org.eclipse.microprofile.config.Config config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        Path keyDir = Path.of(config.getValue("autopilot.record-audit.key-dir", String.class));
        String log = Files.readString(Path.of(config.getValue("quarkus.log.file.path", String.class)));
        assertTrue(log.contains("checkpoint keys generated in"), "the key generation was logged (so the check means something)");
        StringBuilder served = new StringBuilder();
        for (String path : List.of("/audit/checkpoint", "/audit/keys", "/audit/entries?start=0&end=" + size())) {
            served.append(given().get(path).then().statusCode(200).extract().asString());
        }
        for (String file : List.of(LogKeys.ED25519_FILE, LogKeys.MLDSA44_FILE)) {
            String pem = Files.readString(keyDir.resolve(file));
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            byte[] der = Base64.getDecoder().decode(base64);
            // the secret part of PKCS#8 is its tail: look for any 16 bytes of it, in base64 and hex, anywhere
            byte[] tail = java.util.Arrays.copyOfRange(der, der.length - 16, der.length);
            for (String needle : List.of(base64.substring(base64.length() - 24, base64.length() - 4),
                    java.util.HexFormat.of().formatHex(tail), Base64.getEncoder().encodeToString(tail).substring(0, 16))) {
                assertFalse(log.contains(needle), file + " material in the application log");
                assertFalse(served.toString().contains(needle), file + " material in an API answer");
            }
        }
    }

    private static void assertBad(Response response, String parameter) {
        response.then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo(AuditRoutes.INVALID_PARAMETER)).body("parameter", equalTo(parameter))
                .body("status", equalTo(400));
    }

    private static String get(String path) throws java.io.IOException {
        Response r = given().urlEncodingEnabled(false).get(path);
        if (r.statusCode() != 200) {
            throw new java.io.IOException(path + " answered " + r.statusCode());
        }
        return r.asString();
    }
}
