/**
 * check-budget: multi-cloud spend tracking, budgets and forecasts from billing exports.
 *
 * <p>Consumes an export landing ({@code google.cloud.storage.object.v1.finalized}, {@code aws.s3.object.created}
 * (the S3 EventBridge envelope), {@code Microsoft.Storage.BlobCreated}, {@code io.autopilot.billing.export.landed})
 * and the daily {@code dev.knative.sources.ping}. Reads FOCUS 1.0-1.3, AWS CUR (legacy and 2.0), the GCP BigQuery
 * export, Azure EA/MCA cost details and OCI cost reports with DuckDB, normalised to FOCUS-shaped rows and aggregated
 * in SQL (no row reaches the heap, so memory does not grow with the file). Emits
 * {@code io.autopilot.budget.evaluated} per budget, {@code io.autopilot.budget.exceeded} once per threshold and
 * period, {@code io.autopilot.approval.requested} for budgets that ask for sign-off, and
 * {@code io.autopilot.cost.anomaly.detected} per dimension value.
 *
 * <p>Why a full recompute per event: exports are restated month-to-date; adding per file would double count.
 */
package io.autopilot.budget;
