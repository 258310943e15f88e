package io.autopilot.events;

/**
 * Payload of {@link EventTypes#BILLING_EXPORT_LANDED}: a billing export file is ready.
 *
 * @param url      where to read it: https (public, presigned or SAS), s3://bucket/key, gs://bucket/name, or file:
 *                 (only under the reader's configured folder)
 * @param provider optional, informational (aws, gcp, azure, oci, focus)
 * @param account  optional, informational: the billing account the export belongs to
 */
public record BillingExportLanded(String url, String provider, String account) {
}
