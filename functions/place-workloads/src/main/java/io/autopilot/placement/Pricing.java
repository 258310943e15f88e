package io.autopilot.placement;

/**
 * What turns latency and carbon into money, so the three terms of the objective can be added. Defaults (all
 * configurable under {@code autopilot.place-workloads.*}):
 *
 * @param latencyPerMsHour what one millisecond of user latency is worth per replica-hour (default 0.0001)
 * @param carbonPerKg the price of a kilogram of CO2eq (default 0.19: the US EPA's 2023 social cost of carbon,
 *        190 USD per tonne)
 * @param wattsPerCore average draw of a busy vCPU (default 2.12 W, Cloud Carbon Footprint's AWS average of
 *        0.74 W idle and 3.5 W full)
 * @param wattsPerGiB memory draw per GiB (default 0.392 W, Cloud Carbon Footprint)
 * @param wattsPerGpu a GPU's draw (default 250 W)
 * @param pue data-centre power usage effectiveness (default 1.135, Cloud Carbon Footprint's AWS figure)
 */
record Pricing(double latencyPerMsHour, double carbonPerKg, double wattsPerCore, double wattsPerGiB,
        double wattsPerGpu, double pue) {

    static final Pricing DEFAULT = new Pricing(0.0001, 0.19, 2.12, 0.392, 250, 1.135);
}
