package io.autopilot.placement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.autopilot.events.ProblemException;
import io.autopilot.events.ProblemTypes;
import io.autopilot.events.SiteInventory;

/**
 * The site inventory placements use when a request carries none. It comes from a file, the ConfigMap mounted in a
 * cluster (plain JSON) or, on one machine, the ConfigMap manifest itself (YAML, key {@value #KEY}), and is re-read
 * when the file changes, so a ConfigMap update takes effect without a restart. An
 * {@code io.autopilot.placement.inventory.updated} event replaces it in this instance until the file changes again.
 */
@ApplicationScoped
public class InventoryStore {

    static final String KEY = "inventory.json";
    private static final Logger LOG = Logger.getLogger(InventoryStore.class);

    @ConfigProperty(name = "autopilot.place-workloads.inventory-file")
    Optional<Path> file;

    @Inject
    ObjectMapper mapper;

    private SiteInventory fromFile;
    private FileTime readAt;
    private SiteInventory fromEvent;
    private java.time.Instant eventAt;

    /** The inventory to use, or empty when none is configured and none was sent. */
    public synchronized Optional<SiteInventory> current() {
        if (file.isPresent()) {
            refreshFromFile(file.get());
        }
        return Optional.ofNullable(fromEvent != null ? fromEvent : fromFile);
    }

    public synchronized void replace(SiteInventory inventory) {
        fromEvent = inventory;
        eventAt = java.time.Instant.now();
        LOG.infof("inventory replaced by event: %d site(s)", inventory.sites() == null ? 0 : inventory.sites().size());
    }

    private void refreshFromFile(Path path) {
        try {
            FileTime modified = Files.getLastModifiedTime(path);
            if (modified.equals(readAt)) {
                return;
            }
            fromFile = parse(path);
            readAt = modified;
            if (fromEvent != null && modified.toInstant().isAfter(eventAt)) {
                fromEvent = null; // the operator changed the file after the event: the file wins
            }
            LOG.infof("inventory read from %s: %d site(s)", path, fromFile.sites() == null ? 0 : fromFile.sites().size());
        } catch (IOException e) {
            throw new ProblemException(ProblemTypes.unavailable("the inventory file " + path + " cannot be read: "
                    + e.getMessage()));
        }
    }

    private SiteInventory parse(Path path) throws IOException {
        String name = path.getFileName().toString();
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            JsonNode configMap = new ObjectMapper(new YAMLFactory()).readTree(path.toFile());
            JsonNode json = configMap.path("data").path(KEY);
            if (!json.isTextual()) {
                throw new IOException("a ConfigMap manifest with data." + KEY + " was expected");
            }
            return mapper.readValue(json.asText(), SiteInventory.class);
        }
        return mapper.readValue(path.toFile(), SiteInventory.class);
    }
}
