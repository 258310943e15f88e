package io.autopilot.budget;

import java.util.Optional;

/**
 * Tells an export's layout and FOCUS version from its column set alone. The order of the checks matters: FOCUS files
 * carry {@code BilledCost}; native files never do.
 */
public final class FormatDetector {

    private FormatDetector() {
    }

    public static Optional<ExportFormat> detect(Columns c) {
        if (c.has("ContractCommitmentCost")) {
            return Optional.of(ExportFormat.FOCUS_CONTRACT_COMMITMENT);
        }
        if (c.has("BilledCost") || (c.has("EffectiveCost") && c.has("BillingCurrency"))) {
            return Optional.of(ExportFormat.FOCUS);
        }
        if (c.has("lineItem/UnblendedCost")) {
            // CUR 2.0 folds tags into one map column and names the payer; legacy CUR has one column per tag.
            boolean cur2 = c.has("resource_tags") || c.has("bill_payer_account_name") || c.has("product");
            return Optional.of(cur2 ? ExportFormat.AWS_CUR_2 : ExportFormat.AWS_CUR_LEGACY);
        }
        if (c.has("cost/myCost")) {
            return Optional.of(ExportFormat.OCI_COST_REPORT);
        }
        if (c.has("service.description") && c.has("cost") && c.has("usage_start_time")) {
            return Optional.of(ExportFormat.GCP_BILLING_EXPORT);
        }
        if (c.has("MeterCategory") && (c.has("SubscriptionId") || c.has("SubscriptionGuid"))
                && c.find("CostInBillingCurrency", "Cost", "PreTaxCost").isPresent()) {
            return Optional.of(ExportFormat.AZURE_COST_DETAILS);
        }
        return Optional.empty();
    }

    /**
     * The FOCUS version a column set matches (1.0: 43 columns, 1.1 adds ServiceSubcategory/SkuMeter, 1.2 adds
     * BillingAccountType/InvoiceId/PricingCurrency, 1.3 adds ServiceProviderName); subsets get the highest version
     * whose marker columns they carry.
     */
    public static String focusVersion(Columns c) {
        if (c.has("ServiceProviderName") || c.has("HostProviderName") || c.has("AllocatedMethodId")
                || c.has("ContractApplied")) {
            return "1.3";
        }
        if (c.has("BillingAccountType") || c.has("InvoiceId") || c.has("PricingCurrency")) {
            return "1.2";
        }
        if (c.has("ServiceSubcategory") || c.has("SkuMeter") || c.has("CapacityReservationId")
                || c.has("CommitmentDiscountQuantity")) {
            return "1.1";
        }
        return "1.0";
    }
}
