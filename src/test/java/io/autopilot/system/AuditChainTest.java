package io.autopilot.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.autopilot.audit.AuditLeaf;
import io.autopilot.audit.merkle.Rfc9162;
import io.autopilot.audit.note.Checkpoint;
import io.autopilot.audit.note.NoteKey;
import io.autopilot.audit.verify.LedgerVerifier;
import io.autopilot.events.EventTypes;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.Response;

/**
 * A decision made in the running system ends up in the audit ledger and is provable: a placement request through
 * the broker, place-workloads' decision routed by the record-audit Trigger to the function, the entry served at
 * /audit/entries, and verify-audit's checks (signatures, recomputed root, inclusion and consistency proofs) accepting
 * the log, including an inclusion proof of exactly that decision.
 */
@QuarkusTest
class AuditChainTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @BeforeEach
    void plainContentTypes() {
        RestAssured.config = RestAssured.config().encoderConfig(
                EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));
    }

    @SuppressWarnings("unchecked")
    @Test
    void aPlacementDecisionBecomesAnAuditEntryWhoseInclusionProofVerifies() throws Exception {
        String id = BrokerEvents.publish(BrokerEvents.sample(EventTypes.PLACEMENT_REQUESTED, "valid-batch.json"));
        await().atMost(WAIT).until(() -> "delivered".equals(BrokerEvents.outcome(id)));
        Map<String, Object> reply = (Map<String, Object>) BrokerEvents.deliveries(BrokerEvents.byId(id).orElseThrow())
                .get(0).get("reply");
        String decisionId = (String) reply.get("id");
        assertEquals(EventTypes.PLACEMENT_DECIDED, reply.get("type"));
        await().atMost(WAIT).until(() -> "delivered".equals(BrokerEvents.outcome(decisionId)));
        Map<String, Object> delivery = BrokerEvents.deliveries(BrokerEvents.byId(decisionId).orElseThrow()).get(0);
        assertEquals("record-audit-decisions", delivery.get("trigger"));

        String note = given().get("/audit/checkpoint").then().statusCode(200).extract().asString();
        Checkpoint cp = Checkpoint.parse(note);
        long index = -1;
        byte[] leaf = null;
        for (long start = 0; start < cp.size() && index < 0; start += 1000) {
            List<Map<String, Object>> page = given().queryParam("start", start)
                    .queryParam("end", Math.min(cp.size(), start + 1000)).get("/audit/entries")
                    .then().statusCode(200).extract().jsonPath().getList("$");
            for (Map<String, Object> e : page) {
                byte[] bytes = Base64.getDecoder().decode((String) e.get("leaf"));
                if (decisionId.equals(AuditLeaf.decode(bytes).id())) {
                    index = ((Number) e.get("index")).longValue();
                    leaf = bytes;
                    assertEquals(EventTypes.PLACEMENT_DECIDED, e.get("type"));
                    assertEquals("shop-release-42", e.get("subject"));
                }
            }
        }
        assertTrue(index >= 0, "the decision " + decisionId + " is in the ledger");
        List<String> proof = given().queryParam("index", index).queryParam("size", cp.size())
                .get("/audit/proof/inclusion").then().statusCode(200).extract().jsonPath().getList("hashes");
        assertTrue(Rfc9162.verifyInclusion(index, cp.size(), Rfc9162.leafHash(leaf),
                proof.stream().map(Base64.getDecoder()::decode).toList(), cp.root()));

        List<NoteKey> keys = given().get("/audit/keys").then().statusCode(200).extract().asString().lines()
                .map(NoteKey::parseVkey).toList();
        LedgerVerifier.Report report = new LedgerVerifier(AuditChainTest::get, 8, new Random(3)).verify(keys, null, s -> { });
        assertTrue(report.ok(), report.failures().toString());
    }

    private static String get(String path) throws IOException {
        Response r = given().urlEncodingEnabled(false).get(path);
        if (r.statusCode() != 200) {
            throw new IOException(path + " answered " + r.statusCode() + ": " + r.asString());
        }
        return r.asString();
    }
}
