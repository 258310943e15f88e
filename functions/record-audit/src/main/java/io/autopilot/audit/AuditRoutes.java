package io.autopilot.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.autopilot.audit.store.LedgerStore.StoredEntry;
import io.autopilot.events.Problem;
import io.autopilot.events.ProblemException;
import io.autopilot.events.ProblemTypes;
import io.autopilot.events.http.ProblemResponses;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The audit log's read API: {@code GET /audit/checkpoint} (the signed note, text/plain), {@code GET /audit/keys} (the
 * verifier keys, one vkey a line), {@code GET /audit/entries?start=S&end=E}, {@code GET
 * /audit/proof/inclusion?index=I&size=N} and {@code GET /audit/proof/consistency?from=M&to=N}. A bad parameter is a
 * 400 problem whose {@code parameter} member names it.
 *
 * <p>Who may read: the checkpoint and the keys are public by design (they reveal a size and a hash, and verifiers
 * need them). Entries and proofs carry the decisions themselves, so when {@code autopilot.record-audit.read-token} is
 * set they need {@code Authorization: Bearer <token>}; unset, they are as open as the network path to the function
 * (cluster-local in Knative, loopback for {@code ./autopilot run}). There are no write or admin endpoints: entries
 * arrive only as events, and nothing can delete or rewrite them over HTTP.
 */
@ApplicationScoped
public class AuditRoutes {

    public static final String INVALID_PARAMETER = "urn:autopilot:problem:invalid-parameter";
    /** Most entries one {@code /audit/entries} answer holds; a longer range is cut (clients page, as CT clients do). */
    public static final int MAX_ENTRIES = 1000;

    @Inject
    AuditLedger ledger;

    @ConfigProperty(name = "autopilot.record-audit.read-token")
    Optional<String> readToken;

    void register(@Observes Router router) {
        router.route("/audit/checkpoint").order(-40).blockingHandler(ctx -> handle(ctx, false, this::checkpoint), false);
        router.route("/audit/keys").order(-40).blockingHandler(ctx -> handle(ctx, false, this::keys), false);
        router.route("/audit/entries").order(-40).blockingHandler(ctx -> handle(ctx, true, this::entries), false);
        router.route("/audit/proof/inclusion").order(-40).blockingHandler(ctx -> handle(ctx, true, this::inclusion), false);
        router.route("/audit/proof/consistency").order(-40).blockingHandler(ctx -> handle(ctx, true, this::consistency), false);
    }

    private interface Handler {
        void handle(RoutingContext ctx) throws IOException;
    }

    private void handle(RoutingContext ctx, boolean protectedRead, Handler handler) {
        try {
            if (ctx.request().method() != HttpMethod.GET && ctx.request().method() != HttpMethod.HEAD) {
                throw new ProblemException(ProblemTypes.methodNotAllowed("the audit API is read-only; use GET"));
            }
            if (protectedRead) {
                authorize(ctx);
            }
            handler.handle(ctx);
        } catch (ParameterException e) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", INVALID_PARAMETER);
            body.put("title", "Invalid parameter");
            body.put("status", 400);
            body.put("detail", e.getMessage());
            body.put("instance", ctx.request().path());
            body.put("parameter", e.parameter);
            ctx.response().setStatusCode(400).putHeader("content-type", Problem.MEDIA_TYPE).end(Json.encode(body));
        } catch (ProblemException e) {
            ProblemResponses.send(ctx, e.problem());
        } catch (AuditLog.SealedException e) {
            ProblemResponses.send(ctx, ProblemTypes.unavailable(e.getMessage()));
        } catch (IOException e) {
            ProblemResponses.send(ctx, ProblemTypes.unavailable("the audit store cannot be read: " + e.getMessage()));
        }
    }

    private void authorize(RoutingContext ctx) {
        String expected = readToken.map(String::trim).orElse("");
        if (expected.isEmpty()) {
            return;
        }
        String header = ctx.request().getHeader("authorization");
        String given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            ctx.response().putHeader("www-authenticate", "Bearer realm=\"autopilot-audit\"");
            throw new ProblemException(ProblemTypes.unauthorized(header == null
                    ? "audit entries and proofs require Authorization: Bearer <token>"
                    : "the bearer token is not the configured audit read token"));
        }
    }

    private void checkpoint(RoutingContext ctx) throws IOException {
        String note = ledger.log().checkpoint().text();
        ctx.response().setStatusCode(200).putHeader("content-type", "text/plain; charset=utf-8")
                .putHeader("cache-control", "no-store").end(note);
    }

    private void keys(RoutingContext ctx) {
        String vkeys = ledger.log().publicKeys().stream().map(k -> k.vkey() + "\n").collect(Collectors.joining());
        ctx.response().setStatusCode(200).putHeader("content-type", "text/plain; charset=utf-8").end(vkeys);
    }

    private void entries(RoutingContext ctx) throws IOException {
        AuditLog log = ledger.log();
        long size = log.size();
        long start = parameter(ctx, "start");
        long end = parameter(ctx, "end");
        if (start >= size) {
            throw new ParameterException("start", "start must be below the log size " + size + ", got " + start);
        }
        if (end <= start) {
            throw new ParameterException("end", "end must be above start (" + start + "), got " + end);
        }
        if (end > size) {
            throw new ParameterException("end", "end must be at most the log size " + size + ", got " + end);
        }
        long stop = Math.min(end, start + MAX_ENTRIES);
        List<Map<String, Object>> out = new ArrayList<>();
        for (StoredEntry e : log.entries(start, stop)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("index", e.index());
            row.put("leaf", Base64.getEncoder().encodeToString(e.leaf()));
            AuditLeaf leaf;
            try {
                leaf = AuditLeaf.decode(e.leaf());
            } catch (IllegalArgumentException bad) {
                leaf = new AuditLeaf(e.source(), e.id(), null, null, null, null);
            }
            row.put("type", leaf.type());
            row.put("subject", leaf.subject());
            out.add(row);
        }
        json(ctx, out);
    }

    private void inclusion(RoutingContext ctx) {
        AuditLog log = ledger.log();
        long current = log.size();
        long index = parameter(ctx, "index");
        long size = parameter(ctx, "size");
        if (size < 1 || size > current) {
            throw new ParameterException("size", "size must be between 1 and the log size " + current + ", got " + size);
        }
        if (index >= size) {
            throw new ParameterException("index", "index must be below size " + size + ", got " + index);
        }
        json(ctx, Map.of("hashes", base64(log.inclusionProof(index, size))));
    }

    private void consistency(RoutingContext ctx) {
        AuditLog log = ledger.log();
        long current = log.size();
        long from = parameter(ctx, "from");
        long to = parameter(ctx, "to");
        if (to < 1 || to > current) {
            throw new ParameterException("to", "to must be between 1 and the log size " + current + ", got " + to);
        }
        if (from < 1 || from > to) {
            throw new ParameterException("from", "from must be between 1 and to (" + to + "), got " + from
                    + " (consistency with the empty tree proves nothing)");
        }
        json(ctx, Map.of("hashes", base64(log.consistencyProof(from, to))));
    }

    private static List<String> base64(List<byte[]> hashes) {
        return hashes.stream().map(h -> Base64.getEncoder().encodeToString(h)).toList();
    }

    private static void json(RoutingContext ctx, Object body) {
        ctx.response().setStatusCode(200).putHeader("content-type", "application/json").end(Json.encode(body));
    }

    /** A required, non-negative decimal query parameter, given once. */
    static long parameter(RoutingContext ctx, String name) {
        List<String> values = ctx.queryParam(name);
        if (values.isEmpty()) {
            throw new ParameterException(name, "query parameter " + name + " is required");
        }
        if (values.size() > 1) {
            throw new ParameterException(name, "query parameter " + name + " is given " + values.size() + " times");
        }
        String v = values.get(0);
        if (!v.matches("[0-9]{1,18}")) {
            throw new ParameterException(name, "query parameter " + name + " must be a non-negative integer, got '"
                    + (v.length() > 40 ? v.substring(0, 40) + "..." : v) + "'");
        }
        return Long.parseLong(v);
    }

    static final class ParameterException extends RuntimeException {
        final String parameter;

        ParameterException(String parameter, String detail) {
            super(detail);
            this.parameter = parameter;
        }
    }
}
