package io.autopilot.budget;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The header of one export, looked up by a spelling-free key: lower case with everything but letters and digits
 * dropped, so {@code lineItem/UnblendedCost}, {@code line_item_unblended_cost}, {@code CostInBillingCurrency} and
 * {@code costInBillingCurrency} each find their column whichever way the provider (or Athena) spelled it.
 */
public final class Columns {

    private final List<String> names;
    private final Map<String, String> byKey = new LinkedHashMap<>();
    private final Map<String, String> types;

    public Columns(List<String> names) {
        this(names, Map.of());
    }

    /** @param types column name to its SQL type (Parquet has real types; CSV read as text has none) */
    public Columns(List<String> names, Map<String, String> types) {
        this.names = List.copyOf(names);
        this.types = Map.copyOf(types);
        for (String name : names) {
            byKey.putIfAbsent(key(name), name);
        }
    }

    static String key(String name) {
        return name.replace("\uFEFF", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    public List<String> names() {
        return Collections.unmodifiableList(names);
    }

    public boolean has(String spelling) {
        return byKey.containsKey(key(spelling));
    }

    /** The actual header of the first spelling present. */
    public Optional<String> find(String... spellings) {
        for (String s : spellings) {
            String actual = byKey.get(key(s));
            if (actual != null) {
                return Optional.of(actual);
            }
        }
        return Optional.empty();
    }

    /** Headers whose key starts with the given key prefix (tag columns: {@code resourceTags/user:team}). */
    public List<String> withPrefix(String spellingPrefix) {
        String prefix = key(spellingPrefix);
        List<String> out = new ArrayList<>();
        for (String name : names) {
            if (key(name).startsWith(prefix) && key(name).length() > prefix.length()) {
                out.add(name);
            }
        }
        return out;
    }

    /** The SQL type of a column (upper case), or VARCHAR when unknown. */
    public String type(String actual) {
        return types.getOrDefault(actual, "VARCHAR").toUpperCase(Locale.ROOT);
    }

    public int size() {
        return names.size();
    }
}
