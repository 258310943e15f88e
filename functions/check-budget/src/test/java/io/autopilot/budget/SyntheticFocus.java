package io.autopilot.budget;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Random;

/**
 * Writes FOCUS 1.2 CSV files (all 57 columns, the synthetic toolkit's column order) with a realistic mix: hourly usage
 * over several services, sub-accounts and regions with weekday/weekend seasonality, commitment purchases (billed,
 * not effective), covered usage (effective, not billed), credits, tax, a correction and a second currency. For tests
 * (small) and the benchmark (about 1 GB). Deterministic for a seed.
 */
public final class SyntheticFocus {

    static final String HEADER = "ProviderName,PublisherName,InvoiceIssuerName,InvoiceId,BillingAccountId,"
            + "BillingAccountName,BillingAccountType,SubAccountId,SubAccountName,SubAccountType,BillingPeriodStart,"
            + "BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,ChargeClass,ChargeDescription,"
            + "ChargeFrequency,BilledCost,EffectiveCost,ListCost,ContractedCost,ListUnitPrice,ContractedUnitPrice,"
            + "PricingCategory,PricingQuantity,PricingUnit,PricingCurrency,PricingCurrencyContractedUnitPrice,"
            + "PricingCurrencyEffectiveCost,PricingCurrencyListUnitPrice,BillingCurrency,ConsumedQuantity,ConsumedUnit,"
            + "ServiceName,ServiceCategory,ServiceSubcategory,SkuId,SkuMeter,SkuPriceId,SkuPriceDetails,ResourceId,"
            + "ResourceName,ResourceType,RegionId,RegionName,AvailabilityZone,CommitmentDiscountId,"
            + "CommitmentDiscountName,CommitmentDiscountCategory,CommitmentDiscountType,CommitmentDiscountStatus,"
            + "CommitmentDiscountQuantity,CommitmentDiscountUnit,CapacityReservationId,CapacityReservationStatus,Tags";

    static final String[] SERVICES = { "AmazonEC2", "AmazonS3", "AmazonRDS", "AWSLambda", "AmazonEKS",
            "AmazonCloudWatch", "AmazonDynamoDB", "AmazonVPC" };
    static final String[] CATEGORIES = { "Compute", "Storage", "Databases", "Compute", "Compute",
            "Management and Governance", "Databases", "Networking" };
    static final double[] HOURLY = { 0.9, 0.12, 0.45, 0.03, 0.2, 0.05, 0.08, 0.04 };
    static final String[] REGIONS = { "eu-west-1", "us-east-1", "ap-southeast-1" };
    static final String[] TEAMS = { "payments", "search", "platform", "data" };

    private SyntheticFocus() {
    }

    /**
     * @param resourcesPerService usage rows per service per hour (the size knob: 8 services x 24 h x days x this)
     * @param weekendFactor       spend on Saturday/Sunday relative to weekdays
     * @param days                how many days of the month to write (a month-to-date export)
     */
    public static long write(Path file, LocalDate month, int days, int resourcesPerService, double weekendFactor,
            long seed) throws IOException {
        Random rnd = new Random(seed);
        String bps = month.withDayOfMonth(1) + "T00:00:00Z";
        String bpe = month.withDayOfMonth(1).plusMonths(1) + "T00:00:00Z";
        long rows = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write(HEADER);
            w.newLine();
            StringBuilder sb = new StringBuilder(1024);
            for (int d = 0; d < days; d++) {
                LocalDate day = month.withDayOfMonth(1).plusDays(d);
                boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
                double season = weekend ? weekendFactor : 1.0;
                for (int h = 0; h < 24; h++) {
                    String cps = day + "T" + two(h) + ":00:00Z";
                    String cpe = (h == 23 ? day.plusDays(1) + "T00:00:00Z" : day + "T" + two(h + 1) + ":00:00Z");
                    for (int s = 0; s < SERVICES.length; s++) {
                        for (int r = 0; r < resourcesPerService; r++) {
                            int sub = (r + s) % 6;
                            String region = REGIONS[(r * 7 + s) % REGIONS.length];
                            double price = HOURLY[s] * (0.5 + ((r * 37) % 100) / 100.0);
                            double noise = 1 + (rnd.nextGaussian() * 0.05);
                            BigDecimal list = bd(price * season * noise * 1.1);
                            boolean covered = s == 0 && r % 3 == 0;
                            BigDecimal effective = bd(list.doubleValue() / 1.1 * (covered ? 0.7 : 1.0));
                            BigDecimal billed = covered ? BigDecimal.ZERO : effective;
                            sb.setLength(0);
                            row(sb, bps, bpe, "2000000000" + sub, "team-" + TEAMS[sub % 4], cps, cpe, "Usage", "",
                                    SERVICES[s] + " usage", "Usage-Based", billed, effective, list,
                                    covered ? "Committed" : "Standard", "USD", SERVICES[s], CATEGORIES[s],
                                    "SKU-" + s + "-" + (r % 5), "arn:aws:" + SERVICES[s].toLowerCase() + ":" + region
                                            + ":res/" + s + "-" + r, region,
                                    covered ? "arn:aws:savingsplans::sp/abc" : "",
                                    "{\"\"team\"\":\"\"" + TEAMS[sub % 4] + "\"\",\"\"env\"\":\"\""
                                            + (r % 2 == 0 ? "prod" : "dev") + "\"\"}");
                            w.append(sb);
                            rows++;
                        }
                    }
                }
                if (d == 0) {
                    // a one-time commitment purchase: billed now, effective 0 (amortised onto covered usage)
                    sb.setLength(0);
                    row(sb, bps, bpe, "20000000000", "team-payments", day + "T00:00:00Z", bpe, "Purchase", "",
                            "Savings Plan purchase", "One-Time", bd(500), BigDecimal.ZERO, bd(500), "Standard", "USD",
                            "AmazonEC2", "Compute", "SKU-SP", "arn:aws:savingsplans::sp/abc", "", "", "");
                    w.append(sb);
                    rows++;
                }
                // a small credit and tax each day
                sb.setLength(0);
                row(sb, bps, bpe, "20000000001", "team-search", day + "T00:00:00Z", day.plusDays(1) + "T00:00:00Z",
                        "Credit", "", "Promotional credit", "One-Time", bd(-1.5), bd(-1.5), BigDecimal.ZERO, "Standard",
                        "USD", "AmazonS3", "Storage", "SKU-CREDIT", "", "", "", "");
                row(sb, bps, bpe, "20000000001", "team-search", day + "T00:00:00Z", day.plusDays(1) + "T00:00:00Z",
                        "Tax", "", "VAT", "Usage-Based", bd(3.2), bd(3.2), BigDecimal.ZERO, "Standard", "USD",
                        "AmazonS3", "Storage", "SKU-TAX", "", "", "", "");
                // the EUR account of a European subsidiary: never summed with USD
                row(sb, bps, bpe, "30000000001", "eu-subsidiary", day + "T00:00:00Z", day.plusDays(1) + "T00:00:00Z",
                        "Usage", "", "EC2 EU", "Usage-Based", bd(12.5 * season), bd(12.5 * season), bd(14 * season),
                        "Standard", "EUR", "AmazonEC2", "Compute", "SKU-EU", "res-eu", "eu-central-1", "", "");
                w.append(sb);
                rows += 3;
            }
            // a correction of last month: billed now, charge period in the past
            sb.setLength(0);
            LocalDate prev = month.withDayOfMonth(1).minusMonths(1);
            row(sb, bps, bpe, "20000000002", "team-platform", prev.plusDays(14) + "T00:00:00Z",
                    prev.plusDays(15) + "T00:00:00Z", "Usage", "Correction", "Correction of last month", "Usage-Based",
                    bd(-40), bd(-40), bd(-40), "Standard", "USD", "AmazonRDS", "Databases", "SKU-2-0", "res-fix",
                    "us-east-1", "", "");
            w.append(sb);
            rows++;
        }
        return rows;
    }

    private static void row(StringBuilder sb, String bps, String bpe, String sub, String subName, String cps,
            String cpe, String category, String chargeClass, String description, String frequency, BigDecimal billed,
            BigDecimal effective, BigDecimal list, String pricingCategory, String currency, String service,
            String serviceCategory, String sku, String resource, String region, String commitment, String tags) {
        sb.append("AWS,AWS,AWS,INV-1,100000000001,ExampleCorp,Payer Account,").append(sub).append(',').append(subName)
                .append(",Linked Account,").append(bps).append(',').append(bpe).append(',').append(cps).append(',')
                .append(cpe).append(',').append(category).append(',').append(chargeClass).append(',')
                .append(description).append(',').append(frequency).append(',').append(billed.toPlainString())
                .append(',').append(effective.toPlainString()).append(',').append(list.toPlainString()).append(',')
                .append(effective.toPlainString()).append(",0.1,0.09,").append(pricingCategory)
                .append(",1,Hours,").append(currency).append(",0.09,").append(effective.toPlainString())
                .append(",0.1,").append(currency).append(",1,Hours,").append(service).append(',')
                .append(serviceCategory).append(",Other,").append(sku).append(",Compute,").append(sku)
                .append("-p,,").append(resource).append(',').append(resource.isEmpty() ? "" : "r")
                .append(",Instance,").append(region).append(',').append(region).append(",,").append(commitment)
                .append(',').append(commitment.isEmpty() ? "" : "SP").append(',')
                .append(commitment.isEmpty() ? "" : "Spend").append(',')
                .append(commitment.isEmpty() ? "" : "Savings Plan").append(',')
                .append(commitment.isEmpty() ? "" : "Used").append(",,,,,")
                .append(tags.isEmpty() ? "" : "\"" + tags + "\"").append('\n');
    }

    static BigDecimal bd(double v) {
        return BigDecimal.valueOf(v).setScale(10, RoundingMode.HALF_UP);
    }

    private static String two(int h) {
        return h < 10 ? "0" + h : Integer.toString(h);
    }
}
