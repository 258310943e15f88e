package io.autopilot.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.autopilot.events.EventContract;
import io.autopilot.events.EventTypes;
import io.quarkus.funqy.runtime.FunctionInvoker;
import io.quarkus.funqy.runtime.FunctionRecorder;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Holds the routing manifests, the functions' {@code @EventContract}s and the prose that names them to one another,
 * so none can drift: every Trigger names an {@link EventTypes} constant and delivers it to a function that consumes
 * it; every consumed type has a Trigger; the README's function table and docs/events.md say what the code does.
 */
@QuarkusTest
class ManifestConsistencyTest {

    private static final Path REPO = ManifestValidator.repoDir();
    private static final Pattern TYPE = Pattern.compile(
            // ours and Knative's, plus the foreign owners whose types a Trigger routes (their own spelling)
            "`((?:io\\.autopilot|dev\\.knative|falco|google\\.cloud|aws\\.s3|Microsoft\\.Storage)\\.[A-Za-z0-9.-]+)`");

    /** A function folder, its Knative Service's exported function and that function's contract. */
    record Function(String service, String funqyName, EventContract contract) {
    }

    private static List<ManifestValidator.Document> knative(String kind) {
        return ManifestValidator.documents(REPO.resolve("knative")).stream()
                .filter(d -> d.kind().equals(kind)).toList();
    }

    private static Map<String, String> eventTypeConstants() {
        Map<String, String> constants = new TreeMap<>();
        for (Field field : EventTypes.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    constants.put(field.getName(), (String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return constants;
    }

    /** Function folders under functions/, each resolved through its Service to a Funqy function and contract. */
    private static Map<String, Function> functions() throws IOException {
        Map<String, String> exports = new HashMap<>();
        for (ManifestValidator.Document service : knative("Service")) {
            for (JsonNode container : service.node().path("spec").path("template").path("spec").path("containers")) {
                for (JsonNode env : container.path("env")) {
                    if (env.path("name").asText().equals("QUARKUS_FUNQY_EXPORT")) {
                        exports.put(service.name(), env.path("value").asText());
                    }
                }
            }
        }
        Map<String, Function> functions = new TreeMap<>();
        try (Stream<Path> folders = Files.list(REPO.resolve("functions"))) {
            for (Path folder : folders.filter(Files::isDirectory).toList()) {
                String name = folder.getFileName().toString();
                String funqy = exports.get(name);
                assertNotNull(funqy, "functions/" + name + " has no Knative Service named " + name
                        + " with QUARKUS_FUNQY_EXPORT under knative/");
                FunctionInvoker invoker = FunctionRecorder.registry.matchInvoker(funqy);
                assertNotNull(invoker, "Service " + name + " exports '" + funqy + "', which no @Funq method is");
                functions.put(name, new Function(name, funqy, invoker.getMethod().getAnnotation(EventContract.class)));
            }
        }
        return functions;
    }

    /** The exact {@code type}s a Trigger selects, from either filter syntax ({@code any} of exacts included). */
    private static Set<String> triggerTypes(ManifestValidator.Document trigger) {
        JsonNode spec = trigger.node().path("spec");
        Set<String> types = new TreeSet<>();
        for (JsonNode entry : spec.path("filters")) {
            if (entry.path("exact").has("type")) {
                types.add(entry.path("exact").path("type").asText());
            }
            for (JsonNode alternative : entry.path("any")) {
                if (alternative.path("exact").has("type")) {
                    types.add(alternative.path("exact").path("type").asText());
                }
            }
        }
        if (types.isEmpty() && spec.path("filter").path("attributes").has("type")) {
            types.add(spec.path("filter").path("attributes").path("type").asText());
        }
        return types;
    }

    private static String subscriber(ManifestValidator.Document trigger) {
        return trigger.node().path("spec").path("subscriber").path("ref").path("name").asText();
    }

    @Test
    void everyFunqyFunctionDeclaresItsEventContractWithKnownTypes() {
        Set<String> known = new TreeSet<>(eventTypeConstants().values());
        for (FunctionInvoker invoker : FunctionRecorder.registry.invokers()) {
            EventContract contract = invoker.getMethod().getAnnotation(EventContract.class);
            assertNotNull(contract, invoker.getName() + " has no @EventContract");
            Stream.concat(Arrays.stream(contract.consumes()), Arrays.stream(contract.emits()))
                    .forEach(type -> assertTrue(known.contains(type), invoker.getName() + ": unknown type " + type));
        }
    }

    @Test
    void everyFunctionFolderHasAKnativeServiceExportingAFunqyFunction() throws IOException {
        Map<String, Function> functions = functions();
        assertFalse(functions.isEmpty());
        functions.values().forEach(f -> assertNotNull(f.contract(), f.service() + " lacks @EventContract"));
    }

    @Test
    void everyTriggerSelectsAKnownTypeForAFunctionThatConsumesIt() throws IOException {
        Set<String> known = new TreeSet<>(eventTypeConstants().values());
        Map<String, Function> functions = functions();
        List<ManifestValidator.Document> triggers = knative("Trigger");
        assertFalse(triggers.isEmpty());
        for (ManifestValidator.Document trigger : triggers) {
            Set<String> types = triggerTypes(trigger);
            assertFalse(types.isEmpty(), trigger.name() + " has no exact type filter");
            Function function = functions.get(subscriber(trigger));
            assertNotNull(function, trigger.name() + " delivers to " + subscriber(trigger) + ", which is not a function folder");
            for (String type : types) {
                assertTrue(known.contains(type), trigger.name() + " filters on " + type + ", not an EventTypes constant");
                assertTrue(Arrays.asList(function.contract().consumes()).contains(type), trigger.name() + " delivers "
                        + type + " to " + subscriber(trigger) + ", whose @EventContract does not consume it");
            }
        }
    }

    @Test
    void everyConsumedTypeHasATriggerToItsFunction() throws IOException {
        Set<String> routed = knative("Trigger").stream()
                .flatMap(t -> triggerTypes(t).stream().map(type -> type + " -> " + subscriber(t)))
                .collect(Collectors.toSet());
        for (Function function : functions().values()) {
            for (String type : function.contract().consumes()) {
                assertTrue(routed.contains(type + " -> " + function.service()),
                        function.service() + " consumes " + type + " but no Trigger under knative/ delivers it: " + routed);
            }
        }
    }

    @Test
    void eventCatalogueListsExactlyTheEventTypesWithTheirProducersAndConsumers() throws IOException {
        Map<String, List<String>> rows = tableRows(REPO.resolve("docs/events.md"), "| type |");
        assertEquals(new TreeSet<>(eventTypeConstants().values()), new TreeSet<>(rows.keySet()),
                "docs/events.md must list exactly the EventTypes constants");
        Map<String, Function> functions = functions();
        for (Map.Entry<String, List<String>> row : rows.entrySet()) {
            String type = row.getKey();
            List<String> cells = row.getValue();
            if (type.startsWith("io.autopilot.")) {
                String payload = cells.get(1).replace("`", "").trim();
                assertTrue(classExists("io.autopilot.events." + payload), type + ": payload record " + payload + " not found");
            } else {
                assertTrue(cells.get(1).contains("defined by"), type + ": an external type's payload names its owner");
            }
            assertEquals(names(functions, f -> Arrays.asList(f.contract().emits()).contains(type)),
                    functionNames(cells.get(3), functions.keySet()), type + ": producer column");
            assertEquals(names(functions, f -> Arrays.asList(f.contract().consumes()).contains(type)),
                    functionNames(cells.get(4), functions.keySet()), type + ": consumers column");
        }
    }

    @Test
    void readmeFunctionTableSaysWhatEachFunctionConsumesAndEmits() throws IOException {
        Map<String, List<String>> rows = tableRows(REPO.resolve("README.md"), "| function |");
        Map<String, Function> functions = functions();
        assertEquals(functions.keySet(), rows.keySet().stream().map(k -> k.replaceAll(".*`([a-z-]+)`.*", "$1"))
                .collect(Collectors.toCollection(TreeSet::new)), "README's function table lists every function folder");
        for (Map.Entry<String, List<String>> row : rows.entrySet()) {
            Function function = functions.get(row.getKey().replaceAll(".*`([a-z-]+)`.*", "$1"));
            assertEquals(new TreeSet<>(Arrays.asList(function.contract().consumes())), types(row.getValue().get(1)),
                    function.service() + ": README consumes column");
            assertEquals(new TreeSet<>(Arrays.asList(function.contract().emits())), types(row.getValue().get(2)),
                    function.service() + ": README emits column");
        }
    }

    @Test
    void everyEndpointTheReadmeNamesIsServed() throws IOException {
        Matcher endpoint = Pattern.compile("`(GET|POST) (/[a-z/]+)`").matcher(Files.readString(REPO.resolve("README.md")));
        int checked = 0;
        while (endpoint.find()) {
            int status = io.restassured.RestAssured.given().contentType("application/json").body("{}")
                    .request(endpoint.group(1), endpoint.group(2)).getStatusCode();
            assertTrue(status != 404 && status != 405, endpoint.group() + " answered " + status);
            checked++;
        }
        assertTrue(checked >= 7, "README endpoint table found (" + checked + " endpoints)");
    }

    @Test
    void theLauncherHelpListsEveryCommandTheReadmeNames() throws Exception {
        Process help = new ProcessBuilder("bash", REPO.resolve("autopilot").toString(), "--help")
                .redirectErrorStream(true).start();
        String text = new String(help.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, help.waitFor(), text);
        Matcher command = Pattern.compile("`\\./autopilot ([a-z][a-z-]*)").matcher(Files.readString(REPO.resolve("README.md")));
        Set<String> named = new TreeSet<>();
        while (command.find()) {
            named.add(command.group(1));
        }
        assertTrue(named.containsAll(List.of("run", "solve-gap")), "README names the commands: " + named);
        named.forEach(c -> assertTrue(text.contains("\n  " + c), "./autopilot --help does not list " + c + ":\n" + text));
    }

    @Test
    void everyFileTheReadmesCurlExamplesSendExists() throws IOException {
        List<Path> readmes = new ArrayList<>(List.of(REPO.resolve("README.md")));
        try (Stream<Path> functionReadmes = Files.list(REPO.resolve("functions"))) {
            functionReadmes.map(f -> f.resolve("README.md")).filter(Files::exists).forEach(readmes::add);
        }
        for (Path readme : readmes) {
            Matcher data = Pattern.compile("--data @(\\S+)").matcher(Files.readString(readme));
            while (data.find()) {
                assertTrue(Files.exists(REPO.resolve(data.group(1))), readme + " sends " + data.group(1) + ", which is missing");
            }
        }
    }

    private static Set<String> names(Map<String, Function> functions, java.util.function.Predicate<Function> test) {
        return functions.values().stream().filter(test).map(Function::service).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> functionNames(String cell, Set<String> known) {
        return known.stream().filter(name -> Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(cell).find())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> types(String cell) {
        Set<String> types = new TreeSet<>();
        Matcher m = TYPE.matcher(cell);
        while (m.find()) {
            types.add(m.group(1));
        }
        return types;
    }

    /** Rows of the first markdown table whose header starts with {@code header}, keyed by their first cell. */
    private static Map<String, List<String>> tableRows(Path file, String header) throws IOException {
        Map<String, List<String>> rows = new TreeMap<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith(header)) {
                inTable = true;
            } else if (inTable && !line.startsWith("|")) {
                break;
            } else if (inTable && !line.startsWith("|---")) {
                List<String> cells = new ArrayList<>(Arrays.asList(line.substring(1, line.length() - 1).split("\\|")));
                String key = cells.get(0).trim();
                Matcher type = TYPE.matcher(key);
                rows.put(type.matches() ? type.group(1) : key, cells);
            }
        }
        assertFalse(rows.isEmpty(), file + " has no table headed " + header);
        return rows;
    }

    private static boolean classExists(String name) {
        try {
            Class.forName(name);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
