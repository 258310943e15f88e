package io.autopilot.events;

/**
 * Every CloudEvent {@code type} Autopilot consumes or emits, one constant each.
 *
 * <p>Our own values are reverse-DNS, {@code io.autopilot.<noun>.<past-tense-or-state>}; types defined by others
 * (Knative's sources) keep their owners' values and say so. A breaking payload change of ours gets a
 * {@code .v2} suffix instead of changing a value in place. Knative Triggers in {@code knative/} filter on these
 * values, and a test checks that every Trigger names a constant here and that {@code docs/events.md} lists exactly
 * these constants.
 */
public final class EventTypes {

    /**
     * An Alertmanager webhook notification (protocol version 4) wrapped as a CloudEvent. Payload
     * {@link AlertmanagerWebhook}; producer: any CloudEvent bridge in front of Alertmanager; consumer: ingest-alerts.
     */
    public static final String ALERTMANAGER_WEBHOOK = "io.autopilot.alertmanager.webhook";

    /**
     * One alert that is firing. Payload {@link Alert}; subject: the alert fingerprint; producer: ingest-alerts;
     * consumers: score-anomaly (scores the alert's series), remediate (playbooks).
     */
    public static final String ALERT_FIRING = "io.autopilot.alert.firing";

    /**
     * One alert that has resolved. Payload {@link Alert}; subject: the alert fingerprint; producer: ingest-alerts;
     * consumers: remediate (forgets the alert: no action on it from then on).
     */
    public static final String ALERT_RESOLVED = "io.autopilot.alert.resolved";

    /**
     * Workloads to place. Payload {@link PlacementRequest}; subject: the request id; producer: operators and their
     * tooling (a deploy pipeline, a batch scheduler); consumer: place-workloads.
     */
    public static final String PLACEMENT_REQUESTED = "io.autopilot.placement.requested";

    /**
     * A placement made. Payload {@link PlacementDecision} (assignment, objective broken down, reason per workload,
     * Karmada PropagationPolicy or node-affinity patch); subject: the request id; producer: place-workloads;
     * consumers: record-audit.
     */
    public static final String PLACEMENT_DECIDED = "io.autopilot.placement.decided";

    /**
     * A placement that cannot be made, naming the constraints that cannot be met; nothing is placed. Payload
     * {@link PlacementDecision} with {@code status: infeasible}; subject: the request id; producer: place-workloads;
     * consumers: record-audit.
     */
    public static final String PLACEMENT_INFEASIBLE = "io.autopilot.placement.infeasible";

    /**
     * A new site inventory (capacity, latency, prices, carbon) for placements to use. Payload {@link SiteInventory};
     * producer: external inventory feeds; consumer: place-workloads.
     */
    public static final String PLACEMENT_INVENTORY_UPDATED = "io.autopilot.placement.inventory.updated";

    /**
     * External, defined by Knative: a Kubernetes object was created, as an ApiServerSource in Resource mode sends it.
     * Payload: the object itself; subject: its API path; producer: ApiServerSource (one per function, each with its own
     * filter or extension); consumers: place-workloads and recommend-scaling (opted-in Deployments), rotate-certificates
     * (opted-in Secrets), check-compliance (the kinds it judges), remediate (Pods and Events).
     */
    public static final String APISERVER_RESOURCE_ADD = "dev.knative.apiserver.resource.add";

    /**
     * External, defined by Knative: a Kubernetes object changed (ApiServerSource, Resource mode). Payload: the object;
     * subject: its API path; producer: ApiServerSource; consumers: as for {@link #APISERVER_RESOURCE_ADD}.
     */
    public static final String APISERVER_RESOURCE_UPDATE = "dev.knative.apiserver.resource.update";

    /**
     * External, defined by Knative: the tick of a PingSource (payload: the source's configured data, often empty).
     * Producer: one PingSource per function, each setting an extension its Trigger filters on; consumers: check-budget
     * (daily forecasts), check-compliance (daily posture), rotate-certificates (the sweep), recommend-scaling (hourly).
     */
    public static final String PING = "dev.knative.sources.ping";

    /**
     * A billing export file is ready to read. Payload {@link BillingExportLanded}
     * (url: https, s3:// or file:); subject: the url; producer: export pipelines and operators; consumer:
     * check-budget.
     */
    public static final String BILLING_EXPORT_LANDED = "io.autopilot.billing.export.landed";

    /**
     * External, defined by Google Cloud (Eventarc): an object was written to a Cloud Storage bucket. Payload
     * StorageObjectData ({@code bucket}, {@code name}, ...); producer: Eventarc / a GCS source; consumer: check-budget
     * (billing export objects).
     */
    public static final String GCS_OBJECT_FINALIZED = "google.cloud.storage.object.v1.finalized";

    /**
     * External, AWS: an S3 "Object Created" EventBridge event, delivered as a CloudEvent whose data is the whole
     * EventBridge envelope ({@code source: aws.s3}, {@code detail-type: Object Created},
     * {@code detail.bucket.name}, {@code detail.object.key}). The type is ours to pick (EventBridge has no CloudEvent
     * type): the EventBridge {@code source} plus its detail-type, lower-cased and dotted. Producer: an EventBridge to
     * Knative bridge; consumer: check-budget.
     */
    public static final String S3_OBJECT_CREATED = "aws.s3.object.created";

    /**
     * External, defined by Azure Event Grid (CloudEvents schema): a blob was created. Payload with {@code url};
     * subject {@code /blobServices/default/containers/<c>/blobs/<path>}; producer: Event Grid; consumer:
     * check-budget (Cost Management exports).
     */
    public static final String AZURE_BLOB_CREATED = "Microsoft.Storage.BlobCreated";

    /**
     * One budget evaluated for its current period. Payload {@link BudgetEvaluation} (actual, forecast with interval,
     * thresholds crossed, data freshness, top contributors); subject: the budget name; producer: check-budget;
     * consumers: none yet (dashboards, notifiers).
     */
    public static final String BUDGET_EVALUATED = "io.autopilot.budget.evaluated";

    /**
     * A budget threshold crossed, once per threshold and period. Payload {@link BudgetEvaluation} with the crossed
     * threshold; subject: the budget name; producer: check-budget; consumers: record-audit.
     */
    public static final String BUDGET_EXCEEDED = "io.autopilot.budget.exceeded";

    /**
     * Daily spend in one dimension value (service, sub-account, region, SKU, tag) far from its expected value.
     * Payload {@link CostAnomaly} (expected, actual, absolute and percent impact, root-cause dimensions); subject:
     * {@code <dimension>=<value>}; producer: check-budget; consumers: none yet.
     */
    public static final String COST_ANOMALY_DETECTED = "io.autopilot.cost.anomaly.detected";

    /**
     * An action needs a person's sign-off. Payload {@link ApprovalRequest}; subject: the approval id (stable, so a
     * repeated cause asks once); producers: check-budget (budgets that declare sign-off), remediate; consumers:
     * record-audit, and an approval UI / chat bridge outside Autopilot, which answers with approval.granted.
     */
    public static final String APPROVAL_REQUESTED = "io.autopilot.approval.requested";

    /**
     * External, defined by Knative: a Kubernetes object was deleted (ApiServerSource, Resource mode). Payload: the
     * object as it was last seen; subject: its API path; producer: ApiServerSource; consumers: check-compliance
     * (resolves the deleted object's findings), rotate-certificates.
     */
    public static final String APISERVER_RESOURCE_DELETE = "dev.knative.apiserver.resource.delete";

    /**
     * One failed compliance check on one field of one resource. Payload {@link ComplianceFinding} (resource,
     * field path, observed and allowed value, PSS level and control, framework controls, remediation); subject: the
     * finding id (stable per resource, check and field); producer: check-compliance; consumers: record-audit.
     */
    public static final String COMPLIANCE_FINDING = "io.autopilot.compliance.finding";

    /**
     * A finding that a later event showed fixed (or whose resource was deleted). Payload {@link ComplianceFinding} with
     * {@code resolvedAt} and {@code resolution}; subject: the finding id; producer: check-compliance; consumers: record-audit.
     */
    public static final String COMPLIANCE_RESOLVED = "io.autopilot.compliance.resolved";

    /**
     * The whole cluster's compliance posture, a score per framework and per PSS level. Payload {@link CompliancePosture}
     * (check-compliance); subject: the cluster name; producer: check-compliance on the daily ping; consumers: none yet.
     */
    public static final String COMPLIANCE_POSTURE = "io.autopilot.compliance.posture";

    /**
     * External, defined by Falco: one Falco alert as Falcosidekick's CloudEvents output sends it (source
     * {@code https://falco.org}). Payload: the Falco alert JSON (rule, priority, output, output_fields, tags, time,
     * source, hostname); producer: Falcosidekick; consumer: respond-threat (only through its authenticated intake).
     */
    public static final String FALCO_RULE_OUTPUT = "falco.rule.output.v1";

    /**
     * An action respond-threat took (or would take, in dry-run) or refused, with the Falco facts that triggered it.
     * Payload {@link ThreatResponse}; subject: the target pod ({@code <namespace>/<pod>}); producer:
     * respond-threat; consumers: record-audit.
     */
    public static final String THREAT_RESPONDED = "io.autopilot.threat.responded";

    /**
     * A certificate (re)issued into a {@code kubernetes.io/tls} Secret. Payload {@link CertificateRotation} (no key
     * material); subject: {@code namespace/name} of the Secret; producer: rotate-certificates; consumers:
     * record-audit.
     */
    public static final String CERTIFICATE_ROTATED = "io.autopilot.certificate.rotated";

    /**
     * A certificate in scope that expires soon with nobody renewing it (unmanaged, or its renewal failed). Payload
     * {@link CertificateExpiry}; subject: {@code namespace/name}; producer: rotate-certificates; consumers: none yet.
     */
    public static final String CERTIFICATE_EXPIRING = "io.autopilot.certificate.expiring";

    /**
     * Every TLS Secret in scope classified by key algorithm, with the post-quantum migration percentage. Payload
     * {@link CertificateInventory}; subject: the swept namespaces, comma-separated; producer: rotate-certificates;
     * consumers: none yet (compliance posture will read it).
     */
    public static final String CERTIFICATE_INVENTORY = "io.autopilot.certificate.inventory";

    /**
     * A score that crossed the alerting threshold: an anomaly worth acting on. Payload {@link AnomalyScore}; subject: the
     * alert fingerprint or the series id; producer: score-anomaly; consumers: remediate, record-audit.
     */
    public static final String ANOMALY_DETECTED = "io.autopilot.anomaly.detected";

    /**
     * A right-sizing and predictive-scaling recommendation for one workload: requests, evidence (percentiles,
     * forecast, VPA baseline), expected monthly saving and a ready-to-apply patch. Payload
     * {@link ScalingRecommendation}; subject: {@code namespace/kind/name}; producer:
     * recommend-scaling; consumers: remediate (applies it when the workload opted in to auto-apply), record-audit.
     */
    public static final String SCALING_RECOMMENDED = "io.autopilot.scaling.recommended";

    /**
     * A requested action was approved. Payload {@link ApprovalGrant}; subject: the approval id; producer: operators'
     * tooling; consumers: remediate, record-audit.
     */
    public static final String APPROVAL_GRANTED = "io.autopilot.approval.granted";

    /**
     * A remediation action taken, or rehearsed in dry-run, with the facts that led to it. Payload
     * {@link RemediationDecision}; subject: the target ({@code namespace/kind/name}); producer:
     * remediate; consumers: record-audit.
     */
    public static final String REMEDIATION_EXECUTED = "io.autopilot.remediation.executed";

    /**
     * A remediation a guardrail refused (rate limit, cooldown, blast radius, alert resolved, awaiting approval, no
     * Kubernetes API), naming the guardrail and the measured values. Payload {@link RemediationDecision};
     * subject: the target; producer: remediate; consumers: record-audit.
     */
    public static final String REMEDIATION_REFUSED = "io.autopilot.remediation.refused";

    /**
     * Judge a canary: baseline and canary PromQL selectors, metrics, window. Payload
     * {@link RolloutAnalysisRequest}; subject: the rollout ({@code namespace/name}); producer: a
     * deploy pipeline or an Argo Rollouts/Flagger webhook; consumer: remediate.
     */
    public static final String ROLLOUT_ANALYSIS_REQUESTED = "io.autopilot.rollout.analysis.requested";

    /**
     * A canary judged: per metric U, p-value, effect size and verdict with the measured values, the run score and
     * verdict (pass, marginal, fail, inconclusive) and the action taken. Payload
     * {@link RolloutJudgement}; subject: the rollout; producer: remediate; consumers:
     * record-audit, deploy pipelines.
     */
    public static final String ROLLOUT_JUDGED = "io.autopilot.rollout.judged";

    /**
     * A batch of samples of one metric series, for producers without Prometheus (on the broker, or as records of a
     * Kafka topic). Payload {@link MetricSamples}; subject: the series id; producer: external metric bridges and
     * agents; consumer: score-anomaly.
     */
    public static final String METRICS_SAMPLES = "io.autopilot.metrics.samples";

    /**
     * A series scored for anomalies, whatever the score: the score, the component that fired, the expected value
     * and range, the observed value, and the alert it was asked about. Payload {@link AnomalyScore}; subject: the
     * alert fingerprint or the series id; producer: score-anomaly; consumers: none yet.
     */
    public static final String ANOMALY_SCORED = "io.autopilot.anomaly.scored";

    private EventTypes() {
    }
}
