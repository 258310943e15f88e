package io.autopilot.budget;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test's own reading of an export: plain CSV, per-row rules written out in Java from the published mappings
 * (the notes in ../shared/notes/finops.md), then sums with BigDecimal. Shares no code with the DuckDB path.
 */
final class IndependentSums {

    record Row(String currency, String service, String subAccount, BigDecimal billed, BigDecimal effective,
            BigDecimal list) {
    }

    private IndependentSums() {
    }

    /** The layout a file is known to have, from where it sits in the datasets (not from its columns). */
    static ExportFormat expectedFormat(Path file) {
        String p = file.toString().replace('\\', '/');
        String name = file.getFileName().toString();
        if (p.contains("/focus/")) {
            return name.contains("contract_commitment") ? ExportFormat.FOCUS_CONTRACT_COMMITMENT : ExportFormat.FOCUS;
        }
        if (p.contains("/aws/")) {
            return name.startsWith("cur2") ? ExportFormat.AWS_CUR_2 : ExportFormat.AWS_CUR_LEGACY;
        }
        if (p.contains("/gcp/")) {
            return ExportFormat.GCP_BILLING_EXPORT;
        }
        if (p.contains("/azure/")) {
            return ExportFormat.AZURE_COST_DETAILS;
        }
        if (p.contains("/oci/")) {
            return ExportFormat.OCI_COST_REPORT;
        }
        throw new IllegalArgumentException("no known layout for " + file);
    }

    static List<Row> rows(Path file, ExportFormat format) throws IOException {
        PlainCsv csv = PlainCsv.read(file);
        List<Row> out = new ArrayList<>();
        for (List<String> r : csv.rows) {
            switch (format) {
                case FOCUS -> out.add(new Row(cur(nz(csv.get(r, "BillingCurrency"))), nz(csv.get(r, "ServiceName")),
                        nz(csv.get(r, "SubAccountId")), num(csv.get(r, "BilledCost")),
                        num(csv.get(r, "EffectiveCost")), num(csv.get(r, "ListCost"))));
                case FOCUS_CONTRACT_COMMITMENT -> {
                    // commitments are not spend
                }
                case AWS_CUR_LEGACY, AWS_CUR_2 -> out.add(aws(csv, r));
                case GCP_BILLING_EXPORT -> {
                    BigDecimal cost = num(csv.get(r, "cost"));
                    String cur = cur(nz(csv.get(r, "currency")));
                    String service = nz(csv.get(r, "service.description"));
                    String project = nz(csv.get(r, "project.id"));
                    out.add(new Row(cur, service, project, cost, cost, num(csv.get(r, "cost_at_list"))));
                    String credits = csv.get(r, "credits");
                    if (credits != null && credits.contains("amount")) {
                        BigDecimal sum = BigDecimal.ZERO;
                        Matcher m = Pattern.compile("['\"]amount['\"]\\s*:\\s*(-?[0-9.eE+-]+)").matcher(credits);
                        while (m.find()) {
                            sum = sum.add(scaled(new BigDecimal(m.group(1))));
                        }
                        out.add(new Row(cur, service, project, sum, sum, BigDecimal.ZERO));
                    }
                }
                case AZURE_COST_DETAILS -> {
                    String type = nz(csv.get(r, "ChargeType"));
                    type = type == null ? "Usage" : type;
                    String model = nz(csv.get(r, "PricingModel"));
                    boolean commitment = "Reservation".equals(model) || "SavingsPlan".equals(model);
                    BigDecimal cost = num(csv.get(r, "CostInBillingCurrency", "Cost", "PreTaxCost"));
                    BigDecimal billed = type.equals("Usage") && commitment ? BigDecimal.ZERO : cost;
                    BigDecimal effective = (type.equals("Purchase") || type.equals("Refund")) && commitment
                            ? BigDecimal.ZERO : cost;
                    out.add(new Row(cur(nz(csv.get(r, "BillingCurrencyCode", "BillingCurrency", "Currency"))),
                            nz(csv.get(r, "MeterCategory")), nz(csv.get(r, "SubscriptionId", "SubscriptionGuid")),
                            billed, effective, num(csv.get(r, "PaygCostInBillingCurrency"))));
                }
                case OCI_COST_REPORT -> {
                    BigDecimal cost = num(csv.get(r, "cost/myCost"));
                    out.add(new Row(cur(nz(csv.get(r, "cost/currencyCode"))), nz(csv.get(r, "product/service")),
                            nz(csv.get(r, "lineItem/tenantId")), cost, cost, BigDecimal.ZERO));
                }
            }
        }
        return out;
    }

    private static Row aws(PlainCsv csv, List<String> r) {
        String type = nz(csv.get(r, "lineItem/LineItemType"));
        BigDecimal unblended = num(csv.get(r, "lineItem/UnblendedCost"));
        String net = nz(csv.get(r, "lineItem/NetUnblendedCost"));
        BigDecimal billed = net != null ? num(net) : unblended;
        BigDecimal effective = switch (type == null ? "" : type) {
            case "SavingsPlanCoveredUsage" -> num(csv.get(r, "savingsPlan/SavingsPlanEffectiveCost"));
            case "DiscountedUsage" -> num(csv.get(r, "reservation/EffectiveCost"));
            case "SavingsPlanRecurringFee" -> num(csv.get(r, "savingsPlan/TotalCommitmentToDate"))
                    .subtract(num(csv.get(r, "savingsPlan/UsedCommitment")));
            case "RIFee" -> num(csv.get(r, "reservation/UnusedAmortizedUpfrontFeeForBillingPeriod"))
                    .add(num(csv.get(r, "reservation/UnusedRecurringFee")));
            case "SavingsPlanNegation", "SavingsPlanUpfrontFee" -> BigDecimal.ZERO;
            case "Fee" -> nz(csv.get(r, "reservation/ReservationARN")) != null ? BigDecimal.ZERO : billed;
            default -> billed;
        };
        return new Row(cur(nz(csv.get(r, "lineItem/CurrencyCode"))), nz(csv.get(r, "lineItem/ProductCode")),
                nz(csv.get(r, "lineItem/UsageAccountId")), billed, effective, num(csv.get(r,
                        "pricing/publicOnDemandCost")));
    }

    /** NULL-ish cells (absent, empty, blank, the string NULL) are null; others stay as written. */
    static String nz(String v) {
        if (v == null || v.isBlank() || v.trim().equalsIgnoreCase("NULL")) {
            return null;
        }
        return v;
    }

    static String cur(String v) {
        return v == null ? ExportSummary.NO_CURRENCY : v;
    }

    /** A cost cell as an exact decimal at the engine's 18 places (absent or NULL-ish: zero). */
    static BigDecimal num(String v) {
        String s = nz(v);
        // the spec's SaaS examples write "$10,000.00": symbol and thousands separator dropped, as documented
        return s == null ? BigDecimal.ZERO : scaled(new BigDecimal(s.trim().replaceAll("[$\u20ac\u00a3,\\s]", "")));
    }

    static BigDecimal scaled(BigDecimal v) {
        return v.setScale(18, RoundingMode.HALF_UP);
    }

    static Map<String, ExportSummary.Totals> totals(List<Row> rows) {
        Map<String, ExportSummary.Totals> out = new TreeMap<>();
        for (Row r : rows) {
            out.merge(r.currency, new ExportSummary.Totals(1, r.billed, r.effective, r.list), IndependentSums::add);
        }
        return out;
    }

    static Map<String, Map<String, ExportSummary.Totals>> grouped(List<Row> rows, boolean byService) {
        Map<String, Map<String, ExportSummary.Totals>> out = new TreeMap<>();
        for (Row r : rows) {
            String k = byService ? r.service : r.subAccount;
            out.computeIfAbsent(r.currency, c -> new TreeMap<>()).merge(k == null ? ExportSummary.NONE : k,
                    new ExportSummary.Totals(1, r.billed, r.effective, r.list), IndependentSums::add);
        }
        return out;
    }

    private static ExportSummary.Totals add(ExportSummary.Totals a, ExportSummary.Totals b) {
        return new ExportSummary.Totals(a.rows() + b.rows(), a.billed().add(b.billed()),
                a.effective().add(b.effective()), a.list().add(b.list()));
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
