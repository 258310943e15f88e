package io.autopilot.audit.verify;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.autopilot.audit.merkle.Rfc9162;
import io.autopilot.audit.note.Checkpoint;
import io.autopilot.audit.note.CheckpointVerifier;
import io.autopilot.audit.note.NoteKey;

/**
 * What {@code ./autopilot verify-audit} checks, against any {@link Api} (HTTP in the command, the running app in
 * tests): (1) the checkpoint carries a valid Ed25519 signature and ML-DSA-44 cosignature by the pinned keys; (2) the
 * root recomputed from every entry's leaf bytes equals the checkpoint's root; (3) a sample of inclusion proofs, for
 * the first, the last and random entries, verify against that root with the leaf hashes recomputed here; (4) a sample
 * of consistency proofs from earlier sizes (whose roots are recomputed here) to the checkpoint verify; and, when a
 * previously saved checkpoint is given, (5) the log is consistent with it. Any failure is reported; none stops the
 * others.
 */
public final class LedgerVerifier {

    /** The log's read API. {@code get} returns the body of a 200 answer or throws. */
    public interface Api {
        String get(String pathAndQuery) throws IOException;
    }

    public record Report(long size, List<String> passed, List<String> failures) {
        public boolean ok() {
            return failures.isEmpty();
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int PAGE = 1000;

    private final Api api;
    private final int samples;
    private final Random random;

    public LedgerVerifier(Api api, int samples, Random random) {
        this.api = api;
        this.samples = samples;
        this.random = random;
    }

    /**
     * Verifies the log; {@code pinned} are the keys to trust (when empty, those the log publishes at /audit/keys are
     * used, which proves only that the log is self-consistent, and the report says so).
     */
    public Report verify(List<NoteKey> pinned, Checkpoint previous, Consumer<String> progress) {
        List<String> passed = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Checkpoint cp;
        List<NoteKey> keys = pinned;
        try {
            if (keys.isEmpty()) {
                keys = api.get("/audit/keys").lines().filter(l -> !l.isBlank()).map(NoteKey::parseVkey).toList();
                passed.add("WARNING: keys taken from the log itself (/audit/keys); pin them with --keys to detect a "
                        + "replaced log");
            }
            cp = Checkpoint.parse(api.get("/audit/checkpoint"));
        } catch (IOException | IllegalArgumentException e) {
            failures.add("checkpoint: " + e.getMessage());
            return new Report(-1, passed, failures);
        }
        List<String> sig = CheckpointVerifier.verify(cp, keys);
        if (sig.isEmpty()) {
            passed.add("checkpoint " + cp.origin() + " size " + cp.size() + ": " + keys.size() + " signatures verify ("
                    + keys.stream().map(k -> k.name()).toList() + ")");
        } else {
            sig.forEach(p -> failures.add("checkpoint: " + p));
        }
        progress.accept("checkpoint: size " + cp.size());

        // Sizes whose roots the consistency checks need, recomputed in the same single pass over the entries.
        TreeSet<Long> sizes = new TreeSet<>();
        if (cp.size() > 0) {
            sizes.addAll(List.of(1L, cp.size()));
            while (sizes.size() < Math.min(cp.size(), samples + 2L)) {
                sizes.add(1 + (long) (random.nextDouble() * cp.size()));
            }
        }
        if (previous != null && previous.size() > 0 && previous.size() <= cp.size()) {
            sizes.add(previous.size());
        }
        java.util.Map<Long, byte[]> roots = new java.util.HashMap<>();

        // Every entry: leaf hashes recomputed from the exact leaf bytes, the root from them.
        List<byte[]> leafHashes = new ArrayList<>();
        Rfc9162.RootAccumulator acc = new Rfc9162.RootAccumulator();
        try {
            for (long start = 0; start < cp.size();) {
                long end = Math.min(cp.size(), start + PAGE);
                JsonNode page = MAPPER.readTree(api.get("/audit/entries?start=" + start + "&end=" + end));
                if (!page.isArray() || page.isEmpty()) {
                    throw new IOException("entries [" + start + ", " + end + ") came back empty");
                }
                for (JsonNode e : page) {
                    long index = e.path("index").asLong(-1);
                    if (index != start) {
                        throw new IOException("expected entry " + start + ", got " + index);
                    }
                    byte[] h = Rfc9162.leafHash(Base64.getDecoder().decode(e.path("leaf").asText()));
                    leafHashes.add(h);
                    acc.add(h);
                    if (sizes.contains(acc.size())) {
                        roots.put(acc.size(), acc.root());
                    }
                    start++;
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            failures.add("entries: " + e.getMessage());
            return new Report(cp.size(), passed, failures);
        }
        if (MessageDigest.isEqual(acc.root(), cp.root())) {
            passed.add("root recomputed from " + cp.size() + " entries equals the checkpoint root");
        } else {
            failures.add("the root recomputed from the " + cp.size() + " entries (" + b64(acc.root())
                    + ") differs from the checkpoint root (" + b64(cp.root()) + "): the entries were altered");
        }
        progress.accept("entries: " + cp.size() + " read and hashed");

        if (cp.size() > 0) {
            TreeSet<Long> indexes = new TreeSet<>(List.of(0L, cp.size() - 1));
            while (indexes.size() < Math.min(cp.size(), samples + 2L)) {
                indexes.add((long) (random.nextDouble() * cp.size()));
            }
            int ok = 0;
            for (long i : indexes) {
                try {
                    List<byte[]> proof = hashes(api.get("/audit/proof/inclusion?index=" + i + "&size=" + cp.size()));
                    if (Rfc9162.verifyInclusion(i, cp.size(), leafHashes.get((int) i), proof, cp.root())) {
                        ok++;
                    } else {
                        failures.add("inclusion proof of entry " + i + " in size " + cp.size() + " does not verify");
                    }
                } catch (IOException | IllegalArgumentException e) {
                    failures.add("inclusion proof of entry " + i + ": " + e.getMessage());
                }
            }
            if (ok == indexes.size()) {
                passed.add(ok + "/" + indexes.size() + " inclusion proofs verify");
            }

            ok = 0;
            int asked = 0;
            for (long m : sizes) {
                asked++;
                try {
                    List<byte[]> proof = hashes(api.get("/audit/proof/consistency?from=" + m + "&to=" + cp.size()));
                    if (Rfc9162.verifyConsistency(m, cp.size(), roots.get(m), cp.root(), proof)) {
                        ok++;
                    } else {
                        failures.add("consistency proof from size " + m + " to " + cp.size() + " does not verify");
                    }
                } catch (IOException | IllegalArgumentException e) {
                    failures.add("consistency proof from size " + m + ": " + e.getMessage());
                }
            }
            if (ok == asked) {
                passed.add(ok + "/" + asked + " consistency proofs verify");
            }
        }

        if (previous != null) {
            List<String> prevSig = CheckpointVerifier.verify(previous, keys);
            if (!prevSig.isEmpty()) {
                failures.add("the previous checkpoint does not verify with these keys: " + prevSig);
            } else if (previous.size() > cp.size()) {
                failures.add("the log shrank: previous checkpoint size " + previous.size() + " > " + cp.size());
            } else if (previous.size() == 0) {
                passed.add("previous checkpoint is the empty log");
            } else if (!MessageDigest.isEqual(roots.get(previous.size()), previous.root())) {
                failures.add("the log's first " + previous.size() + " entries no longer hash to the previous checkpoint's root");
            } else {
                passed.add("consistent with the previous checkpoint at size " + previous.size());
            }
        }
        return new Report(cp.size(), passed, failures);
    }

    private static List<byte[]> hashes(String json) throws IOException {
        JsonNode node = MAPPER.readTree(json).path("hashes");
        if (!node.isArray()) {
            throw new IOException("a proof answer is {\"hashes\":[...]}");
        }
        List<byte[]> out = new ArrayList<>();
        node.forEach(h -> out.add(Base64.getDecoder().decode(h.asText())));
        return out;
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}
