package io.autopilot.budget;

/**
 * The billing export layouts check-budget reads, told apart by their columns (never by file name: exports are renamed
 * and re-partitioned freely).
 */
public enum ExportFormat {
    /** FOCUS cost and usage data, 1.0 to 1.3 (PascalCase FOCUS columns, possibly a subset as in the spec examples). */
    FOCUS,
    /** FOCUS 1.3 Contract Commitment dataset: commitments, not spend; read as zero cost rows. */
    FOCUS_CONTRACT_COMMITMENT,
    /** AWS legacy Cost and Usage Report: {@code lineItem/UnblendedCost} or its Athena snake_case spelling. */
    AWS_CUR_LEGACY,
    /** AWS CUR 2.0 (Data Exports): snake_case names with one {@code resource_tags} map column. */
    AWS_CUR_2,
    /** Google Cloud Billing export to BigQuery, flattened with dotted names ({@code service.description}, ...). */
    GCP_BILLING_EXPORT,
    /** Azure Cost Management cost details (EA and MCA, actual or amortised, and the pre-2020 usage export). */
    AZURE_COST_DETAILS,
    /** OCI cost report ({@code cost/myCost}, {@code lineItem/intervalUsageStart}). */
    OCI_COST_REPORT
}
