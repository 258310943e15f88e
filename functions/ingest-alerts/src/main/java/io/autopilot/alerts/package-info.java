/**
 * ingest-alerts: the intake for Prometheus Alertmanager.
 *
 * <p>Consumes Alertmanager's webhook (protocol version 4) as plain JSON on {@code POST /webhooks/alertmanager}, where
 * Alertmanager itself posts, or wrapped as a {@code io.autopilot.alertmanager.webhook} CloudEvent from the broker.
 * Emits one {@code io.autopilot.alert.firing} or {@code io.autopilot.alert.resolved} event per alert to its sink,
 * with the fingerprint as subject and an id derived from (fingerprint, startsAt, status).
 *
 * <p>Why one event per alert: consumers act on one alert at a time, and Triggers can then filter on the alert's own
 * attributes. Why a derived id: Alertmanager repeats a notification on every group interval and on retries, and a
 * stable id is what lets the broker and consumers drop the repeats.
 */
package io.autopilot.alerts;
