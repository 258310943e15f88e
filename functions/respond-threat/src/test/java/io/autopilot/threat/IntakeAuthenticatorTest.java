package io.autopilot.threat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class IntakeAuthenticatorTest {

    private static final byte[] BODY = "{\"rule\":\"x\",\"priority\":\"Notice\"}".getBytes(StandardCharsets.UTF_8);
    private final IntakeAuthenticator auth = new IntakeAuthenticator(Optional.of("s3cret"), Optional.of("tok"));

    @Test
    void acceptsTheHmacOfTheExactBodyAndRefusesAnyOtherByte() throws Exception {
        auth.verify(IntakeAuthenticator.sign("s3cret".getBytes(StandardCharsets.UTF_8), BODY), null, BODY);
        byte[] changed = BODY.clone();
        changed[changed.length - 2] = 'X';
        var e = assertThrows(IntakeAuthenticator.Rejected.class, () -> auth.verify(
                IntakeAuthenticator.sign("s3cret".getBytes(StandardCharsets.UTF_8), BODY), null, changed));
        assertEquals("bad-signature", e.reason());
    }

    @Test
    void theSignatureHeaderIsCaseInsensitiveInItsPrefixAndHex() throws Exception {
        String sig = IntakeAuthenticator.sign("s3cret".getBytes(StandardCharsets.UTF_8), BODY);
        auth.verify("SHA256=" + sig.substring(7).toUpperCase(), null, BODY);
    }

    @Test
    void acceptsTheBearerTokenAndRefusesAnother() throws Exception {
        auth.verify(null, "Bearer tok", BODY);
        assertEquals("bad-token", assertThrows(IntakeAuthenticator.Rejected.class,
                () -> auth.verify(null, "Bearer tok2", BODY)).reason());
    }

    @Test
    void refusesEverythingWithoutASecretAndSaysSo() {
        var none = new IntakeAuthenticator(Optional.empty(), Optional.of("tok"));
        assertEquals("not-configured", assertThrows(IntakeAuthenticator.Rejected.class,
                () -> none.verify(null, "Bearer tok", BODY)).reason());
    }

    @Test
    void rejectionsAndToStringNeverCarryTheSecrets() {
        var e = assertThrows(IntakeAuthenticator.Rejected.class, () -> auth.verify("sha256=00", "Bearer x", BODY));
        assertTrue(!e.getMessage().contains("s3cret") && !auth.toString().contains("s3cret")
                && !auth.toString().contains("tok\""), auth.toString());
    }

    @Test
    void anAttestationBindsSourceIdAndData() throws Exception {
        String a = auth.attest("https://falco.org", "1", BODY);
        auth.verifyAttestation(a, "https://falco.org", "1", BODY);
        assertThrows(IntakeAuthenticator.Rejected.class, () -> auth.verifyAttestation(a, "https://falco.org", "2", BODY));
        assertThrows(IntakeAuthenticator.Rejected.class, () -> auth.verifyAttestation(a, "x", "1", BODY));
        assertThrows(IntakeAuthenticator.Rejected.class,
                () -> new IntakeAuthenticator(Optional.of("other"), Optional.empty()).verifyAttestation(a,
                        "https://falco.org", "1", BODY));
    }
}
