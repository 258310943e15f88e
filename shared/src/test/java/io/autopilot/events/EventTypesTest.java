package io.autopilot.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class EventTypesTest {

    /** Every public constant of {@link EventTypes}, by field name. Other modules' tests use this too. */
    static Map<String, String> constants() {
        Map<String, String> constants = new TreeMap<>();
        for (Field field : EventTypes.class.getDeclaredFields()) {
            int mod = field.getModifiers();
            if (Modifier.isPublic(mod) && Modifier.isStatic(mod) && Modifier.isFinal(mod)
                    && field.getType() == String.class) {
                try {
                    constants.put(field.getName(), (String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return constants;
    }

    @Test
    void pinsTheWireValuesSoRenamesAreDeliberate() {
        assertEquals(Map.ofEntries(
                Map.entry("ALERTMANAGER_WEBHOOK", "io.autopilot.alertmanager.webhook"),
                Map.entry("ALERT_FIRING", "io.autopilot.alert.firing"),
                Map.entry("ALERT_RESOLVED", "io.autopilot.alert.resolved"),
                Map.entry("PLACEMENT_REQUESTED", "io.autopilot.placement.requested"),
                Map.entry("PLACEMENT_DECIDED", "io.autopilot.placement.decided"),
                Map.entry("PLACEMENT_INFEASIBLE", "io.autopilot.placement.infeasible"),
                Map.entry("PLACEMENT_INVENTORY_UPDATED", "io.autopilot.placement.inventory.updated"),
                Map.entry("APISERVER_RESOURCE_ADD", "dev.knative.apiserver.resource.add"),
                Map.entry("APISERVER_RESOURCE_UPDATE", "dev.knative.apiserver.resource.update"),
                Map.entry("PING", "dev.knative.sources.ping"),
                Map.entry("BILLING_EXPORT_LANDED", "io.autopilot.billing.export.landed"),
                Map.entry("GCS_OBJECT_FINALIZED", "google.cloud.storage.object.v1.finalized"),
                Map.entry("S3_OBJECT_CREATED", "aws.s3.object.created"),
                Map.entry("AZURE_BLOB_CREATED", "Microsoft.Storage.BlobCreated"),
                Map.entry("BUDGET_EVALUATED", "io.autopilot.budget.evaluated"),
                Map.entry("BUDGET_EXCEEDED", "io.autopilot.budget.exceeded"),
                Map.entry("COST_ANOMALY_DETECTED", "io.autopilot.cost.anomaly.detected"),
                Map.entry("APPROVAL_REQUESTED", "io.autopilot.approval.requested"),
                Map.entry("APISERVER_RESOURCE_DELETE", "dev.knative.apiserver.resource.delete"),
                Map.entry("COMPLIANCE_FINDING", "io.autopilot.compliance.finding"),
                Map.entry("COMPLIANCE_RESOLVED", "io.autopilot.compliance.resolved"),
                Map.entry("COMPLIANCE_POSTURE", "io.autopilot.compliance.posture"),
                Map.entry("FALCO_RULE_OUTPUT", "falco.rule.output.v1"),
                Map.entry("THREAT_RESPONDED", "io.autopilot.threat.responded"),
                Map.entry("CERTIFICATE_ROTATED", "io.autopilot.certificate.rotated"),
                Map.entry("CERTIFICATE_EXPIRING", "io.autopilot.certificate.expiring"),
                Map.entry("CERTIFICATE_INVENTORY", "io.autopilot.certificate.inventory"),
                Map.entry("ANOMALY_DETECTED", "io.autopilot.anomaly.detected"),
                Map.entry("SCALING_RECOMMENDED", "io.autopilot.scaling.recommended"),
                Map.entry("APPROVAL_GRANTED", "io.autopilot.approval.granted"),
                Map.entry("REMEDIATION_EXECUTED", "io.autopilot.remediation.executed"),
                Map.entry("REMEDIATION_REFUSED", "io.autopilot.remediation.refused"),
                Map.entry("ROLLOUT_ANALYSIS_REQUESTED", "io.autopilot.rollout.analysis.requested"),
                Map.entry("ROLLOUT_JUDGED", "io.autopilot.rollout.judged"),
                Map.entry("METRICS_SAMPLES", "io.autopilot.metrics.samples"),
                Map.entry("ANOMALY_SCORED", "io.autopilot.anomaly.scored")), constants());
    }

    /**
     * Foreign types keep their owners' spelling, which is not always ours (Azure Event Grid uses PascalCase, Falco puts
     * a version digit in its last segment); each owner is listed here on purpose, so a new foreign owner is a reviewed
     * change, not a loophole.
     */
    private static final String FOREIGN = "dev\\.knative(\\.[a-z][a-z0-9-]*)+"
            + "|falco\\.rule\\.output\\.v[0-9]+"
            + "|google\\.cloud\\.storage\\.object\\.v1\\.[a-z]+"
            + "|aws\\.s3(\\.[a-z][a-z0-9-]*)+"
            + "|Microsoft\\.Storage\\.[A-Z][A-Za-z]+";

    private static boolean wellNamed(String type) {
        return type.matches("io\\.autopilot(\\.[a-z][a-z0-9-]*)+") || type.matches(FOREIGN);
    }

    @Test
    void everyTypeIsReverseDnsOursUnderIoAutopilotOthersUnderTheirOwners() {
        constants().values().forEach(type -> assertTrue(wellNamed(type), type));
    }

    @Test
    void theNamingRuleStillRefusesUnlistedOwners() {
        for (String stranger : new String[] { "com.example.thing.happened", "falcon.rule.output", "Falco.rule",
                "aws.ec2.instance.stopped", "io.autopilot.Budget" }) {
            assertTrue(!wellNamed(stranger), stranger);
        }
    }

    @Test
    void everyTypeHasAtLeastOneValidAndOneFailingSample() {
        for (String type : constants().values()) {
            var names = SampleEvents.ofType(type).stream().map(SampleEvents.Sample::name).toList();
            assertTrue(names.stream().anyMatch(n -> n.startsWith("valid-")), type + " has no valid-*.json: " + names);
            assertTrue(names.stream().anyMatch(n -> n.startsWith("fail-")), type + " has no fail-*.json: " + names);
        }
    }

    @Test
    void sampleDirectoriesNameOnlyKnownTypes() {
        var known = constants().values();
        SampleEvents.all().forEach(s -> assertTrue(known.contains(s.type()), "samples for unknown type " + s));
        SampleEvents.all().forEach(s -> assertTrue(Arrays.asList("valid", "fail").contains(s.name().split("-")[0]),
                "sample names start with valid- or fail-: " + s));
    }
}
