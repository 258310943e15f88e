package io.autopilot.budget;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * check-budget's state on disk, so a restart (a rollout, a node drain, scale-to-zero with a volume) neither forgets
 * the exports it has seen nor announces a threshold a second time. One JSON file, replaced atomically (written beside
 * it, then renamed), so a crash mid-write leaves the previous state, never half of one. Holds aggregates and object
 * URLs with their query strings removed: no rows, no credentials.
 */
public final class StateStore {

    /**
     * @param budgetsVersion a digest of the budgets file the engine's sums were computed for
     * @param exports        source -> where to read it again
     */
    public record State(String budgetsVersion, Map<String, String> exports, BudgetEngine.Snapshot engine) {
    }

    static final String FILE = "check-budget-state.json";

    private final Path file;
    private final ObjectMapper mapper;

    public StateStore(Path dir, ObjectMapper mapper) {
        this.file = dir.resolve(FILE);
        this.mapper = mapper;
    }

    public Path file() {
        return file;
    }

    /** The saved state; empty when there is none. An unreadable file is an error, not a fresh start. */
    public Optional<State> load() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(mapper.readValue(file.toFile(), State.class));
    }

    public void save(State state) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(FILE + ".tmp");
        mapper.writeValue(tmp.toFile(), state);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
