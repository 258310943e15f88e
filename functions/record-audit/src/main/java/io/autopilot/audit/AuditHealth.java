package io.autopilot.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.autopilot.events.ProblemException;

/**
 * Ready when the audit log is open (keys read, store reachable): a pod whose database is unreachable should not be
 * sent events it can only answer 503. A sealed log stays ready, with the reason in the check's data: it must keep
 * serving its entries and last checkpoint so verifiers can see what changed.
 */
@Readiness
@ApplicationScoped
public class AuditHealth implements HealthCheck {

    @Inject
    AuditLedger ledger;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder check = HealthCheckResponse.named("record-audit ledger");
        try {
            AuditLog log = ledger.log();
            check.up().withData("entries", log.size()).withData("store", log.describeStore());
            log.sealed().ifPresent(why -> check.withData("sealed", why));
            return check.build();
        } catch (ProblemException e) {
            return check.down().withData("reason", e.problem().detail()).build();
        }
    }
}
