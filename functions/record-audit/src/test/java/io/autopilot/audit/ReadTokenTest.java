package io.autopilot.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With a read token configured, entries and proofs need it; the checkpoint and keys stay public. */
@QuarkusTest
@TestProfile(ReadTokenTest.WithToken.class)
@QuarkusTestResource(FreshLedger.class)
class ReadTokenTest {

    public static class WithToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("autopilot.record-audit.read-token", "s3cret-read");
        }
    }

    @Test
    void entriesAndProofsNeedTheBearerToken() {
        for (String path : new String[] { "/audit/entries?start=0&end=1", "/audit/proof/inclusion?index=0&size=1",
                "/audit/proof/consistency?from=1&to=1" }) {
            given().get(path).then().statusCode(401).contentType("application/problem+json")
                    .header("www-authenticate", "Bearer realm=\"autopilot-audit\"").body("header", equalTo("authorization"));
            given().header("authorization", "Bearer wrong").get(path).then().statusCode(401);
            // with the token the request reaches parameter checking (the fresh log is empty: 400, not 401)
            given().header("authorization", "Bearer s3cret-read").get(path).then().statusCode(400);
        }
    }

    @Test
    void theCheckpointAndKeysArePublic() {
        given().get("/audit/checkpoint").then().statusCode(200);
        given().get("/audit/keys").then().statusCode(200);
    }
}
