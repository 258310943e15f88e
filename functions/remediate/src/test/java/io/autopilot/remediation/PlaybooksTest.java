package io.autopilot.remediation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.autopilot.events.EventTypes;
import io.autopilot.events.SampleEvents;

class PlaybooksTest {

    private final Playbooks builtIn = Playbooks.load(Optional.empty());

    @Test
    void theShippedConfigMapHoldsTheSamePlaybooksAsTheBuiltInFile() throws Exception {
        Path configMap = Path.of(System.getProperty("autopilot.repo.dir"), "knative/remediate/200-playbooks.yaml");
        assertEquals(builtIn.all(), Playbooks.parse(Files.readString(configMap)).all());
    }

    @Test
    void aCrashLoopBackOffEventMatchesTheRestartPlaybookAndNamesTheDeployment() throws Exception {
        var event = new ObjectMapper().readTree(SampleEvents.bytes(EventTypes.APISERVER_RESOURCE_ADD,
                "valid-event-crashloop.json"));
        Incident incident = Incidents.read(EventTypes.APISERVER_RESOURCE_ADD, "s", "1", event.get("data")).orElseThrow();
        assertEquals("CrashLoopBackOff", incident.reason());
        assertEquals(new Target("shop", "Deployment", "checkout"), incident.target());
        assertEquals(6, incident.facts().get("count"));
        assertEquals("crashloop-restart", builtIn.match(incident).orElseThrow().name());
    }

    @Test
    void alertLabelsChooseThePlaybookAndTheTarget() {
        Incident nodeDown = new Incident(EventTypes.ALERT_FIRING, "s", "1", "KubeNodeNotReady",
                Map.of("alertname", "KubeNodeNotReady", "node", "worker-3"), "Alert",
                Incidents.targetFromLabels(Map.of("node", "worker-3")), Map.of(), "fp", null, false);
        Playbook p = builtIn.match(nodeDown).orElseThrow();
        assertEquals("cordon", p.action());
        assertEquals(new Target("", "Node", "worker-3"), nodeDown.target());
        Incident other = new Incident(EventTypes.ALERT_FIRING, "s", "1", "Watchdog", Map.of("alertname", "Watchdog"),
                "Alert", null, Map.of(), "fp", null, false);
        assertTrue(builtIn.match(other).isEmpty());
    }

    @Test
    void aHealthyPodOrANormalEventIsNoIncident() throws Exception {
        var mapper = new ObjectMapper();
        assertTrue(Incidents.read(EventTypes.APISERVER_RESOURCE_UPDATE, "s", "1", mapper.readTree(
                "{\"kind\":\"Event\",\"reason\":\"Pulled\",\"message\":\"ok\",\"involvedObject\":{\"name\":\"p\"}}"))
                .isEmpty());
        assertTrue(Incidents.read(EventTypes.APISERVER_RESOURCE_UPDATE, "s", "1", mapper.readTree(
                "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"p-1-2\",\"namespace\":\"n\"},\"status\":{}}")).isEmpty());
    }

    @Test
    void aPodInCrashLoopBackOffMapsToItsDeploymentThroughItsReplicaSet() throws Exception {
        var pod = new ObjectMapper().readTree("""
                {"kind":"Pod","metadata":{"name":"api-5c7d9-abcde","namespace":"shop",
                 "ownerReferences":[{"kind":"ReplicaSet","name":"api-5c7d9"}]},
                 "status":{"containerStatuses":[{"name":"api","restartCount":7,
                 "state":{"waiting":{"reason":"CrashLoopBackOff"}}}]}}""");
        Incident i = Incidents.read(EventTypes.APISERVER_RESOURCE_UPDATE, "s", "1", pod).orElseThrow();
        assertEquals(new Target("shop", "Deployment", "api"), i.target());
        assertEquals(7, i.facts().get("restartCount"));
    }

    @Test
    void refusesAPlaybookWithAnUnknownActionOrABadBlastRadius() {
        assertThrows(IllegalArgumentException.class, () -> Playbooks.parse(
                "playbooks:\n  - name: x\n    action: delete-namespace\n"));
        assertThrows(IllegalArgumentException.class, () -> Playbooks.parse(
                "playbooks:\n  - name: x\n    action: restart\n    blastRadius: 2\n"));
        assertThrows(IllegalArgumentException.class, () -> Playbooks.parse(
                "playbooks:\n  - name: x\n    action: scale\n"));
        assertThrows(IllegalArgumentException.class, () -> Playbooks.parse(
                "playbooks:\n  - name: x\n    action: restart\n    colour: red\n"));
    }

    @Test
    void guardrailsCountCooldownAndRateLimitPerTarget() {
        Guardrails g = new Guardrails();
        var t0 = java.time.Instant.parse("2026-11-27T10:00:00Z");
        var hour = java.time.Duration.ofHours(1);
        var cool = java.time.Duration.ofMinutes(10);
        assertTrue(g.check("a", t0, 2, hour, cool).allowed());
        g.record("a", t0);
        var tooSoon = g.check("a", t0.plusSeconds(60), 2, hour, cool);
        assertEquals("cooldown", tooSoon.guardrail());
        assertEquals(60L, tooSoon.facts().get("secondsSinceLast"));
        g.record("a", t0.plusSeconds(700));
        assertEquals("rate-limit", g.check("a", t0.plusSeconds(1400), 2, hour, cool).guardrail());
        assertTrue(g.check("b", t0.plusSeconds(1400), 2, hour, cool).allowed(), "another target is not limited");
        assertTrue(g.check("a", t0.plusSeconds(3700 + 700), 2, hour, cool).allowed(), "the window slides");
        assertEquals("blast-radius", Guardrails.blastRadius(0.6, 0.5, Map.of()).guardrail());
    }
}
