package io.autopilot.anomaly.detect;

/**
 * The parameters of {@link EnsembleDetector}; one set serves every series. {@link #tuned()} is what ships.
 *
 * @param residual enable the forecast-residual component
 * @param seasonal let daily and weekly forecasters explain the residual
 * @param novelty enable the context-novelty component
 * @param shift enable the level-shift component
 * @param levelAlpha smoothing of the plain level forecaster
 * @param seasonLevelAlpha smoothing of the level inside the seasonal forecasters
 * @param seasonGamma smoothing of each season slot (updated once per period)
 * @param seasonMargin a seasonal forecaster is used when its error scale is below this fraction of the best
 *        other one
 * @param scaleAlpha smoothing of the mean absolute forecast error
 * @param errorClip largest one-step error, in error scales, that updates a forecaster's error scale (0: none)
 * @param dailySlots most slots in the daily season
 * @param weeklySlots most slots in the weekly season
 * @param floorFraction smallest error scale, as a fraction of the range seen
 * @param zHalf the residual z that maps to a raw score of 0.5
 * @param spikeZ residual z from which one sample alone scores at least 0.5 (0: off)
 * @param shortAlpha smoothing of the short average in each likelihood
 * @param longAlpha smoothing of the long-run distribution in each likelihood
 * @param minSd smallest standard deviation of that distribution
 * @param warmup samples before any likelihood speaks
 * @param peakDecay per-sample decay of the strongest evidence remembered by each likelihood
 * @param peakPower how hard evidence below that peak is discounted (0: not at all)
 * @param noveltyLevels quantisation levels of the novelty context
 * @param noveltyLength samples in a novelty context
 * @param noveltyMemory samples after which a context is forgotten
 * @param fastAlpha smoothing of the fast mean of the level-shift component
 * @param slowAlpha smoothing of the slow mean and variance of the level-shift component
 * @param rangeGain how fast the range-break score rises with the excess over the range seen (0: off)
 * @param rangeMargin excess over the range, as a fraction of it, that is still ordinary (jitter of a repeated peak)
 * @param rangeWarmup samples before the range-break component speaks
 * @param rangeDecay per-sample fraction by which the remembered range shrinks towards the current level
 * @param alarm score from which a sample counts as an alarm (starts the rest period)
 * @param restSamples samples after an alarm during which scores are damped
 * @param restFactor the damping factor
 * @param restPerComponent damp only the component that alarmed (else all)
 * @param restAll samples after any alarm during which every component is damped (one event, one alarm)
 * @param bandWidth half-width of the reported expected range, in error scales
 */
public record EnsembleParams(boolean residual, boolean seasonal, boolean novelty, boolean shift,
        double levelAlpha, double seasonLevelAlpha, double seasonGamma, double seasonMargin, double scaleAlpha,
        double errorClip, int dailySlots, int weeklySlots, double floorFraction, double zHalf, double spikeZ, double shortAlpha,
        double longAlpha, double minSd, long warmup, double peakDecay, double peakPower, int noveltyLevels,
        int noveltyLength, long noveltyMemory, double fastAlpha, double slowAlpha, double rangeGain, double rangeMargin,
        long rangeWarmup, double rangeDecay, double alarm, long restSamples, double restFactor,
        boolean restPerComponent, long restAll, double bandWidth) {

    public static EnsembleParams tuned() {
        return new EnsembleParams(
                true, true, true, true, // residual, seasonal, novelty, shift
                0.6, 0.03, 0.3, 1.0, 0.003, 8.0, // levelAlpha, seasonLevelAlpha, seasonGamma, seasonMargin, scaleAlpha, errorClip
                288, 336, 0.001, 3.0, 0.0, // dailySlots, weeklySlots, floorFraction, zHalf, spikeZ
                0.2, 0.001, 0.01, 300, 0.9999, 2.0, // shortAlpha, longAlpha, minSd, warmup, peakDecay, peakPower
                8, 2, 100_000, // noveltyLevels, noveltyLength, noveltyMemory
                0.1, 0.01, // fastAlpha, slowAlpha
                50.0, 0.0, 300, 0.0, // rangeGain, rangeMargin, rangeWarmup, rangeDecay
                0.5, 300, 0.3, false, 10, // alarm, restSamples, restFactor, restPerComponent, restAll
                3.0); // bandWidth
    }
}
