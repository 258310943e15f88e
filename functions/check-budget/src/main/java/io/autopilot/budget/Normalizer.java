package io.autopilot.budget;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes the DuckDB SQL that turns one export's rows into FOCUS-shaped rows, so normalisation runs inside the scan
 * and no row ever becomes a Java object. The output columns are the FOCUS names in {@link #COLUMNS}; costs are
 * {@code DECIMAL(38,18)} (exact, 18 places: the 15-decimal values of real exports survive), times are UTC
 * {@code TIMESTAMP}s with the FOCUS {@code [start, end)} convention.
 *
 * <p>Per-format rules follow the published mappings (finops-toolkit for Azure, Google's FOCUS view for GCP, the
 * focus_converters tables for AWS and OCI); the quirks they fix are named where they are handled.
 */
public final class Normalizer {

    /** Money: 38 digits, 18 after the point. */
    public static final String MONEY = "DECIMAL(38,18)";

    public static final List<String> COLUMNS = List.of("ProviderName", "BillingAccountId", "SubAccountId",
            "ServiceName", "RegionId", "SkuId", "ChargeCategory", "ChargeClass", "ChargeFrequency", "BillingCurrency",
            "BilledCost", "EffectiveCost", "ListCost", "ChargePeriodStart", "ChargePeriodEnd", "BillingPeriodStart",
            "BillingPeriodEnd", "Tags");

    /**
     * Lenient readers, defined once per connection: {@code ap_s} maps NULL-ish strings (empty, {@code NULL}) to SQL
     * NULL; {@code ap_n} reads plain or E-notation decimals (tolerating "$10,000.00"); {@code ap_t} reads ISO 8601 with or without {@code T},
     * {@code Z} or an offset, {@code YYYY-MM-DD HH:MM:SS} (the real FOCUS 1.0 sample) and US {@code M/D/YYYY} or
     * {@code M/D/YY} (Azure exports, the FOCUS spec examples), always as UTC.
     */
    public static final List<String> MACROS = List.of(
            // cheap first: a length test before any trimming, since almost every cell is a value
            "CREATE OR REPLACE MACRO ap_s(x) AS CASE WHEN length(x) <= 6 AND upper(trim(x)) IN ('', 'NULL') "
                    + "THEN NULL ELSE x END",
            // Currency symbols and thousands separators are not FOCUS, but the spec's own SaaS examples write
            // "$10,000.00"; they are dropped only when the plain reading fails, which keeps the common path fast.
            "CREATE OR REPLACE MACRO ap_n(x) AS coalesce(TRY_CAST(x AS " + MONEY + "), "
                    + "TRY_CAST(regexp_replace(ap_s(x), '[$\u20ac\u00a3,\\s]', '', 'g') AS " + MONEY + "))",
            // ISO without an offset (the common case) is a plain cast; offsets go through TIMESTAMPTZ (a plain
            // TIMESTAMP cast would drop them); US dates through strptime
            "CREATE OR REPLACE MACRO ap_t(x) AS CASE WHEN x IS NULL THEN NULL "
                    + "WHEN contains(x, '/') THEN CASE "
                    + "WHEN regexp_matches(trim(x), '^\\d{1,2}/\\d{1,2}/\\d{4}') THEN "
                    + "coalesce(try_strptime(trim(x), '%m/%d/%Y'), try_strptime(trim(x), '%m/%d/%Y %H:%M:%S'), "
                    + "try_strptime(trim(x), '%m/%d/%Y %I:%M:%S %p')) "
                    + "WHEN regexp_matches(trim(x), '^\\d{1,2}/\\d{1,2}/\\d{2}$') THEN try_strptime(trim(x), '%m/%d/%y') END "
                    + "WHEN length(x) > 19 AND (contains(substr(x, 20), '+') OR contains(substr(x, 20), '-')) "
                    + "THEN timezone('UTC', try_cast(trim(x) AS TIMESTAMPTZ)) "
                    + "ELSE try_cast(trim(x) AS TIMESTAMP) END",
            // The typed FOCUS reading's period columns: ISO 8601 only, and anything else fails the reading (so the
            // lenient one takes the file) instead of being guessed at: DuckDB's own parser reads "4/1/25" as year 4.
            "CREATE OR REPLACE MACRO ap_iso(x) AS CASE WHEN x IS NULL THEN NULL WHEN x[5] = '-' THEN "
                    + "make_timestamp(epoch_us(CAST(x AS TIMESTAMPTZ))) ELSE error('not an ISO 8601 time: ' || x) END",
            // GCP invoice.month (YYYYMM) is a US/Pacific month: its UTC start is 07:00 or 08:00 on the 1st.
            "CREATE OR REPLACE MACRO ap_pacific_month(m) AS "
                    + "timezone('UTC', timezone('America/Los_Angeles', try_strptime(trim(ap_s(m)), '%Y%m')))",
            "CREATE OR REPLACE MACRO ap_pacific_month_end(m) AS timezone('UTC', timezone('America/Los_Angeles', "
                    + "try_strptime(trim(ap_s(m)), '%Y%m') + INTERVAL 1 MONTH))");

    private final Columns columns;
    private final boolean typedSource;
    private final boolean nullsResolved;

    /**
     * @param typedSource true for Parquet, whose columns have their own types: every reference is cast to text first
     *                    so one set of lenient rules applies to both file kinds
     */
    public Normalizer(Columns columns, boolean typedSource) {
        this(columns, typedSource, false);
    }

    /**
     * @param nullsResolved true for the typed FOCUS CSV reading: the reader already turned the NULL spellings into SQL
     *                      NULL, so text cells are used as they are, and period columns must be ISO 8601
     */
    public Normalizer(Columns columns, boolean typedSource, boolean nullsResolved) {
        this.columns = columns;
        this.typedSource = typedSource;
        this.nullsResolved = nullsResolved;
    }

    /**
     * The types a FOCUS CSV is read with on the fast path: the cost columns as exact decimals, which DuckDB's reader
     * converts natively while it tokenises (several times cheaper than the lenient per-cell readers); everything else
     * as text, the period columns then read by {@code ap_iso}. A file that does not fit fails the typed read and is
     * read again leniently.
     */
    public static Map<String, String> focusCsvTypes(Columns columns) {
        Map<String, String> types = new LinkedHashMap<>();
        for (String money : List.of("BilledCost", "EffectiveCost", "ListCost")) {
            columns.find(money).ifPresent(c -> types.put(c, MONEY));
        }
        return types;
    }

    /** A SELECT (or a UNION ALL of SELECTs) over the relation {@code src} yielding {@link #COLUMNS}. */
    public String select(ExportFormat format) {
        return switch (format) {
            case FOCUS -> focus();
            case FOCUS_CONTRACT_COMMITMENT -> empty();
            case AWS_CUR_LEGACY, AWS_CUR_2 -> aws(format);
            case GCP_BILLING_EXPORT -> gcp();
            case AZURE_COST_DETAILS -> azure();
            case OCI_COST_REPORT -> oci();
        };
    }

    // ---------------------------------------------------------------------------------------------------------------

    private String focus() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("ProviderName", str("ServiceProviderName", "ProviderName"));
        m.put("BillingAccountId", str("BillingAccountId"));
        m.put("SubAccountId", str("SubAccountId"));
        m.put("ServiceName", str("ServiceName"));
        m.put("RegionId", str("RegionId", "Region"));
        m.put("SkuId", str("SkuId"));
        m.put("ChargeCategory", str("ChargeCategory"));
        m.put("ChargeClass", str("ChargeClass"));
        m.put("ChargeFrequency", str("ChargeFrequency"));
        m.put("BillingCurrency", str("BillingCurrency"));
        m.put("BilledCost", num("BilledCost"));
        m.put("EffectiveCost", num("EffectiveCost"));
        m.put("ListCost", num("ListCost"));
        m.put("ChargePeriodStart", ts("ChargePeriodStart"));
        m.put("ChargePeriodEnd", ts("ChargePeriodEnd"));
        m.put("BillingPeriodStart", ts("BillingPeriodStart"));
        m.put("BillingPeriodEnd", ts("BillingPeriodEnd"));
        m.put("Tags", str("Tags"));
        return render(m);
    }

    private String empty() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String c : COLUMNS) {
            m.put(c, "NULL");
        }
        return render(m) + " WHERE false";
    }

    /**
     * AWS: BilledCost is the net unblended cost when present (after EDP and private-rate discounts), else the
     * unblended cost; discount and negation line items stay negative Usage rows. EffectiveCost follows the amortised
     * rules: covered usage at its effective cost, unused commitment on the recurring fee rows, upfront fees and SP
     * negations at zero.
     */
    private String aws(ExportFormat format) {
        String type = str("lineItem/LineItemType");
        String unblended = num("lineItem/UnblendedCost");
        String billed = columns.has("lineItem/NetUnblendedCost")
                ? "coalesce(" + num("lineItem/NetUnblendedCost") + ", " + unblended + ")" : unblended;
        String effective = "CASE " + type
                + " WHEN 'SavingsPlanCoveredUsage' THEN " + num("savingsPlan/SavingsPlanEffectiveCost")
                + " WHEN 'DiscountedUsage' THEN " + num("reservation/EffectiveCost")
                + " WHEN 'SavingsPlanRecurringFee' THEN coalesce(" + num("savingsPlan/TotalCommitmentToDate")
                + ", 0) - coalesce(" + num("savingsPlan/UsedCommitment") + ", 0)"
                + " WHEN 'RIFee' THEN coalesce(" + num("reservation/UnusedAmortizedUpfrontFeeForBillingPeriod")
                + ", 0) + coalesce(" + num("reservation/UnusedRecurringFee") + ", 0)"
                + " WHEN 'SavingsPlanNegation' THEN 0 WHEN 'SavingsPlanUpfrontFee' THEN 0"
                + " WHEN 'Fee' THEN CASE WHEN " + str("reservation/ReservationARN") + " IS NOT NULL THEN 0 ELSE "
                + billed + " END ELSE " + billed + " END";
        Map<String, String> m = new LinkedHashMap<>();
        m.put("ProviderName", "'AWS'");
        m.put("BillingAccountId", str("bill/PayerAccountId"));
        m.put("SubAccountId", str("lineItem/UsageAccountId"));
        m.put("ServiceName", str("lineItem/ProductCode"));
        m.put("RegionId", str("product/regionCode", "product/region"));
        m.put("SkuId", str("product/sku", "lineItem/UsageType"));
        m.put("ChargeCategory", "CASE WHEN " + type + " IN ('Fee', 'RIFee', 'SavingsPlanUpfrontFee', "
                + "'SavingsPlanRecurringFee') THEN 'Purchase' WHEN " + type + " = 'Tax' THEN 'Tax' WHEN " + type
                + " = 'Credit' THEN 'Credit' ELSE 'Usage' END");
        m.put("ChargeClass", "CASE WHEN " + type + " = 'Refund' OR " + str("bill/BillType")
                + " = 'Refund' THEN 'Correction' END");
        m.put("ChargeFrequency", "CASE WHEN " + type + " IN ('Fee', 'SavingsPlanUpfrontFee') THEN 'One-Time' WHEN "
                + type + " IN ('RIFee', 'SavingsPlanRecurringFee') THEN 'Recurring' ELSE 'Usage-Based' END");
        m.put("BillingCurrency", str("lineItem/CurrencyCode"));
        m.put("BilledCost", billed);
        m.put("EffectiveCost", effective);
        m.put("ListCost", num("pricing/publicOnDemandCost"));
        m.put("ChargePeriodStart", ts("lineItem/UsageStartDate"));
        m.put("ChargePeriodEnd", ts("lineItem/UsageEndDate"));
        m.put("BillingPeriodStart", ts("bill/BillingPeriodStartDate"));
        m.put("BillingPeriodEnd", ts("bill/BillingPeriodEndDate"));
        if (format == ExportFormat.AWS_CUR_2) {
            m.put("Tags", str("resource_tags"));
        } else {
            m.put("Tags", tagColumns(columns.withPrefix("resourceTags"), "resourceTags"));
        }
        return render(m);
    }

    /**
     * GCP: {@code cost} is before credits; the credits array (negative amounts) becomes a second, {@code Credit}
     * row, so gross and net spend both stay visible and budgets can include or exclude credits. The billing period
     * is the invoice month in US/Pacific time.
     */
    private String gcp() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("ProviderName", "'Google Cloud'");
        m.put("BillingAccountId", str("billing_account_id"));
        m.put("SubAccountId", str("project.id"));
        m.put("ServiceName", str("service.description"));
        m.put("RegionId", str("location.region"));
        m.put("SkuId", str("sku.id"));
        String costType = "lower(" + str("cost_type") + ")";
        m.put("ChargeCategory", "CASE WHEN " + costType + " = 'tax' THEN 'Tax' WHEN " + costType
                + " IN ('adjustment', 'rounding_error') THEN 'Adjustment' ELSE 'Usage' END");
        m.put("ChargeClass", columns.has("adjustment_info")
                ? "CASE WHEN " + str("adjustment_info") + " IS NOT NULL AND " + str("adjustment_info")
                        + " NOT IN ('{}', '[]') THEN 'Correction' END" : "NULL");
        m.put("ChargeFrequency", "'Usage-Based'");
        m.put("BillingCurrency", str("currency"));
        m.put("BilledCost", num("cost"));
        m.put("EffectiveCost", num("cost"));
        m.put("ListCost", num("cost_at_list"));
        m.put("ChargePeriodStart", ts("usage_start_time"));
        m.put("ChargePeriodEnd", ts("usage_end_time"));
        m.put("BillingPeriodStart", "ap_pacific_month(" + ref("invoice.month") + ")");
        m.put("BillingPeriodEnd", "ap_pacific_month_end(" + ref("invoice.month") + ")");
        m.put("Tags", gcpLabels());
        String usage = render(m);
        if (!columns.has("credits")) {
            return usage;
        }
        String credits = "list_sum(list_transform(regexp_extract_all(" + ref("credits")
                + ", '[''\"]amount[''\"]\\s*:\\s*(-?[0-9.eE+-]+)', 1), lambda a: TRY_CAST(a AS " + MONEY + ")))";
        m.put("ChargeCategory", "'Credit'");
        m.put("ChargeClass", "NULL");
        m.put("BilledCost", credits);
        m.put("EffectiveCost", credits);
        m.put("ListCost", "NULL");
        return usage + " UNION ALL " + render(m) + " WHERE " + ref("credits") + " LIKE '%amount%'";
    }

    /** GCP labels come as an array of {key, value}; the koku CSVs even write it as a Python repr. */
    private String gcpLabels() {
        if (!columns.has("labels")) {
            return "NULL";
        }
        String json = "replace(replace(replace(" + str("labels") + ", '''', '\"'), 'None', 'null'), 'True', 'true')";
        return "CASE WHEN " + str("labels") + " IS NULL OR trim(" + str("labels") + ") = '[]' THEN NULL ELSE "
                + "try(CAST(to_json(map_from_entries(list_transform(json_transform(" + json
                + ", '[{\"key\":\"VARCHAR\",\"value\":\"VARCHAR\"}]'), lambda e: struct_pack(k := e.key, v := e.value))))"
                + " AS VARCHAR)) END";
    }

    /**
     * Azure EA/MCA: BillingPeriodEndDate is inclusive (add a day); daily rows cover [Date, Date + 1 day); tags come
     * without braces. Per Microsoft's FOCUS recipe, covered usage is not billed (it was paid by the commitment
     * purchase) and the purchase itself is not effective cost (it is amortised onto the usage), so the same rules
     * read both the actual and the amortised dataset without double counting.
     */
    private String azure() {
        String chargeType = "coalesce(" + str("ChargeType") + ", 'Usage')";
        String model = "coalesce(" + str("PricingModel") + ", '')";
        String cost = num("CostInBillingCurrency", "Cost", "PreTaxCost");
        Map<String, String> m = new LinkedHashMap<>();
        m.put("ProviderName", "'Microsoft'");
        m.put("BillingAccountId", str("BillingProfileId", "BillingAccountId"));
        m.put("SubAccountId", str("SubscriptionId", "SubscriptionGuid"));
        m.put("ServiceName", str("MeterCategory"));
        m.put("RegionId", "lower(" + str("ResourceLocation") + ")");
        m.put("SkuId", str("MeterId"));
        m.put("ChargeCategory", "CASE WHEN " + chargeType + " IN ('Usage', 'UnusedReservation', 'UnusedSavingsPlan') "
                + "THEN 'Usage' WHEN " + chargeType + " IN ('Purchase', 'Refund') THEN 'Purchase' WHEN " + chargeType
                + " IN ('Credit', 'Tax') THEN " + chargeType + " ELSE 'Adjustment' END");
        m.put("ChargeClass", "CASE WHEN " + chargeType + " = 'Refund' THEN 'Correction' END");
        m.put("ChargeFrequency", "CASE " + str("Frequency") + " WHEN 'OneTime' THEN 'One-Time' WHEN 'Recurring' "
                + "THEN 'Recurring' ELSE 'Usage-Based' END");
        m.put("BillingCurrency", str("BillingCurrencyCode", "BillingCurrency", "Currency"));
        m.put("BilledCost", "CASE WHEN " + chargeType + " = 'Usage' AND " + model
                + " IN ('Reservation', 'SavingsPlan') THEN 0 ELSE " + cost + " END");
        m.put("EffectiveCost", "CASE WHEN " + chargeType + " IN ('Purchase', 'Refund') AND " + model
                + " IN ('Reservation', 'SavingsPlan') THEN 0 ELSE " + cost + " END");
        m.put("ListCost", num("PaygCostInBillingCurrency"));
        String day = ts("Date", "UsageDateTime");
        m.put("ChargePeriodStart", day);
        m.put("ChargePeriodEnd", day + " + INTERVAL 1 DAY");
        if (columns.has("BillingPeriodStartDate")) {
            m.put("BillingPeriodStart", ts("BillingPeriodStartDate"));
            m.put("BillingPeriodEnd", ts("BillingPeriodEndDate") + " + INTERVAL 1 DAY");
        } else {
            m.put("BillingPeriodStart", "date_trunc('month', " + day + ")");
            m.put("BillingPeriodEnd", "date_trunc('month', " + day + ") + INTERVAL 1 MONTH");
        }
        String tags = str("Tags");
        m.put("Tags", "CASE WHEN " + tags + " IS NULL THEN NULL WHEN starts_with(trim(" + tags + "), '{') THEN "
                + tags + " ELSE '{' || " + tags + " || '}' END");
        return render(m);
    }

    /** OCI: {@code cost/myCost} is what is billed; the billing period is the usage month. */
    private String oci() {
        Map<String, String> m = new LinkedHashMap<>();
        String start = ts("lineItem/intervalUsageStart");
        m.put("ProviderName", "'Oracle'");
        m.put("BillingAccountId", str("cost/subscriptionId"));
        m.put("SubAccountId", str("lineItem/tenantId"));
        m.put("ServiceName", str("product/service"));
        m.put("RegionId", str("product/region"));
        m.put("SkuId", str("cost/productSku"));
        m.put("ChargeCategory", "'Usage'");
        m.put("ChargeClass", "CASE WHEN lower(" + str("lineItem/isCorrection") + ") = 'true' THEN 'Correction' END");
        m.put("ChargeFrequency", "'Usage-Based'");
        m.put("BillingCurrency", str("cost/currencyCode"));
        m.put("BilledCost", num("cost/myCost"));
        m.put("EffectiveCost", num("cost/myCost"));
        m.put("ListCost", "NULL");
        m.put("ChargePeriodStart", start);
        m.put("ChargePeriodEnd", ts("lineItem/intervalUsageEnd"));
        m.put("BillingPeriodStart", "date_trunc('month', " + start + ")");
        m.put("BillingPeriodEnd", "date_trunc('month', " + start + ") + INTERVAL 1 MONTH");
        m.put("Tags", tagColumns(columns.withPrefix("tags"), "tags"));
        return render(m);
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** One JSON object from one-column-per-tag layouts (AWS legacy CUR, OCI), skipping empty cells. */
    private String tagColumns(List<String> tagColumns, String prefix) {
        if (tagColumns.isEmpty()) {
            return "NULL";
        }
        List<String> entries = new ArrayList<>();
        for (String col : tagColumns) {
            String tagKey = col.substring(Math.min(col.length(), prefix.length() + 1));
            if (col.startsWith("resource_tags_")) {
                tagKey = col.substring("resource_tags_".length());
            }
            entries.add("struct_pack(k := " + literal(tagKey) + ", v := " + strRef(col) + ")");
        }
        String map = "map_from_entries(list_filter([" + String.join(", ", entries) + "], lambda e: e.v IS NOT NULL))";
        return "nullif(CAST(to_json(" + map + ") AS VARCHAR), '{}')";
    }

    private String render(Map<String, String> m) {
        return "SELECT " + COLUMNS.stream().map(c -> "CAST(" + m.get(c) + " AS " + type(c) + ") AS " + c)
                .collect(Collectors.joining(", ")) + " FROM src";
    }

    private static String type(String column) {
        return switch (column) {
            case "BilledCost", "EffectiveCost", "ListCost" -> MONEY;
            case "ChargePeriodStart", "ChargePeriodEnd", "BillingPeriodStart", "BillingPeriodEnd" -> "TIMESTAMP";
            default -> "VARCHAR";
        };
    }

    /** The raw cell of the first present spelling, as text; NULL when the export lacks the column. */
    private String ref(String... spellings) {
        return columns.find(spellings).map(this::rawRef).orElse("CAST(NULL AS VARCHAR)");
    }

    private String rawRef(String actual) {
        String quoted = "\"" + actual.replace("\"", "\"\"") + "\"";
        return typedSource ? "CAST(" + quoted + " AS VARCHAR)" : quoted;
    }

    private String strRef(String actual) {
        return nullsResolved ? rawRef(actual) : "ap_s(" + rawRef(actual) + ")";
    }

    private String str(String... spellings) {
        return nullsResolved ? ref(spellings) : "ap_s(" + ref(spellings) + ")";
    }

    private String num(String... spellings) {
        // typed Parquet numbers are cast directly: no detour through text
        java.util.Optional<String> actual = columns.find(spellings);
        if (typedSource && actual.isPresent() && isNumeric(columns.type(actual.get()))) {
            return "CAST(" + quote(actual.get()) + " AS " + MONEY + ")";
        }
        return "ap_n(" + ref(spellings) + ")";
    }

    private String ts(String... spellings) {
        java.util.Optional<String> actual = columns.find(spellings);
        if (typedSource && actual.isPresent()) {
            String type = columns.type(actual.get());
            if (type.startsWith("TIMESTAMP WITH TIME ZONE") || type.equals("TIMESTAMPTZ")) {
                // epoch arithmetic, not timezone(): the same UTC instant without a time-zone lookup per row
                return "make_timestamp(epoch_us(" + quote(actual.get()) + "))";
            }
            if (type.startsWith("TIMESTAMP") || type.equals("DATE")) {
                return "CAST(" + quote(actual.get()) + " AS TIMESTAMP)";
            }
        }
        return (nullsResolved ? "ap_iso(" : "ap_t(") + ref(spellings) + ")";
    }

    private static boolean isNumeric(String type) {
        return type.startsWith("DECIMAL") || type.equals("DOUBLE") || type.equals("FLOAT") || type.equals("REAL")
                || type.endsWith("INT") || type.equals("INTEGER") || type.equals("HUGEINT");
    }

    private static String quote(String actual) {
        return "\"" + actual.replace("\"", "\"\"") + "\"";
    }

    /** A SQL string literal. */
    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
