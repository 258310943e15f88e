package io.autopilot.budget;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** The budgets.yaml key of the shipped ConfigMap, so the documented example is the tested one. */
final class BudgetsFileFromConfigMap {

    private BudgetsFileFromConfigMap() {
    }

    static String budgetsYaml(Path configMap) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(configMap.toFile()).at("/data/budgets.yaml").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
