package io.autopilot.remediation.judge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A canary judge after Netflix Kayenta's NetflixACAJudge: per metric a two-sided Mann-Whitney U test of canary
 * against baseline, a classification, then a weighted score for the run.
 *
 * <p>Per metric (canary = first sample, baseline = second):
 * <ol>
 * <li><b>no_data</b> when either sample is empty: a verdict of its own, handled by the run's {@link NoDataPolicy},
 * never a silent pass or a stall;
 * <li><b>pass</b> when both samples are the same single value (Kayenta: identical data passes);
 * <li>else U, the p-value ({@link MannWhitney}), the Hodges-Lehmann shift with its interval at {@code confidence}
 * (Kayenta default 0.98) and the effect size = mean(canary) / mean(baseline) (Kayenta's default "mean ratio");
 * <li><b>fail</b> when the change is in a harmful direction (the metric's {@link Direction}), p &lt; 1 - confidence,
 * the interval clears zero by more than {@code tolerance} x |shift| (Kayenta: 0.25) and the effect size reaches
 * {@code allowedIncrease} (or falls to {@code allowedDecrease}; Kayenta default 1.0: any material change);
 * <li><b>marginal</b> when the harmful change is only suggested: significant at {@code marginalConfidence} (0.90)
 * but not at {@code confidence}, or significant but inside the allowed effect size;
 * <li><b>pass</b> otherwise (including a significant change in the harmless direction).
 * </ol>
 * The run: score = 100 x sum(weight x s) / sum(weight) over metrics with data, s = 1 pass, 0.5 marginal, 0 fail;
 * 0 when a critical metric fails (Kayenta); verdict pass at {@code passScore} (95), marginal at
 * {@code marginalScore} (75), fail below. No-data metrics follow the policy: {@code INCONCLUSIVE} makes the run
 * inconclusive when a must-have metric or at least half of the metrics have no data (Kayenta's 50 % rule) and
 * otherwise leaves them out; {@code FAIL} counts them as failed; {@code IGNORE} leaves them out.
 */
public final class CanaryJudge {

    /** Which change of the canary is harmful. */
    public enum Direction {
        INCREASE, DECREASE, EITHER;

        public static Direction parse(String s) {
            return s == null || s.isBlank() ? INCREASE : valueOf(s.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** What a metric without data does to the run. */
    public enum NoDataPolicy {
        INCONCLUSIVE, FAIL, IGNORE;

        public static NoDataPolicy parse(String s) {
            return s == null || s.isBlank() ? INCONCLUSIVE : valueOf(s.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** Per-metric verdicts. */
    public static final String PASS = "pass", MARGINAL = "marginal", FAIL = "fail", NO_DATA = "no_data",
            INCONCLUSIVE = "inconclusive";

    /** The judge's settings; {@link #kayentaDefaults()} are Kayenta's. */
    public record Settings(double confidence, double marginalConfidence, double tolerance, double allowedIncrease,
            double allowedDecrease, double passScore, double marginalScore, NoDataPolicy noData) {

        public Settings {
            if (!(confidence > 0 && confidence < 1) || !(marginalConfidence > 0 && marginalConfidence <= confidence)) {
                throw new IllegalArgumentException("confidence must be in (0,1) and marginalConfidence in (0, confidence]");
            }
            if (marginalScore > passScore) {
                throw new IllegalArgumentException("marginalScore must not exceed passScore");
            }
        }

        public static Settings kayentaDefaults() {
            return new Settings(0.98, 0.90, 0.25, 1.0, 1.0, 95, 75, NoDataPolicy.INCONCLUSIVE);
        }
    }

    /** One metric to judge. */
    public record Metric(String name, Direction direction, double weight, boolean critical, boolean mustHaveData,
            double[] baseline, double[] canary) {
    }

    /** The measured values behind one metric's verdict, so a reader sees why (argo-rollouts#404). */
    public record MetricResult(String name, String verdict, String reason, int baselineCount, int canaryCount,
            Double baselineMean, Double canaryMean, Double baselineMedian, Double canaryMedian, Double u,
            Double pValue, String method, Double effectSize, Double shift, Double shiftLower, Double shiftUpper,
            double weight, boolean critical) {
    }

    /** The run. */
    public record RunResult(String verdict, double score, String reason, List<MetricResult> metrics) {
    }

    private final Settings settings;

    public CanaryJudge(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    /** One metric's verdict and evidence. */
    public MetricResult judge(Metric m) {
        double[] b = m.baseline() == null ? new double[0] : m.baseline();
        double[] c = m.canary() == null ? new double[0] : m.canary();
        if (b.length == 0 || c.length == 0) {
            return new MetricResult(m.name(), NO_DATA, "no data: baseline has " + b.length + " samples, canary "
                    + c.length, b.length, c.length, meanOrNull(b), meanOrNull(c), medianOrNull(b), medianOrNull(c),
                    null, null, null, null, null, null, null, m.weight(), m.critical());
        }
        double bm = mean(b), cm = mean(c);
        double effect = bm == 0 ? (cm == 0 ? 1.0 : Math.copySign(Double.POSITIVE_INFINITY, cm)) : cm / bm;
        if (constant(b) && constant(c) && b[0] == c[0]) {
            return new MetricResult(m.name(), PASS, "identical constant samples", b.length, c.length, bm, cm,
                    b[0], c[0], b.length * (double) c.length / 2, 1.0, "none", effect, 0.0, 0.0, 0.0, m.weight(),
                    m.critical());
        }
        MannWhitney.Result t = MannWhitney.test(c, b);
        MannWhitney.Shift s = MannWhitney.shift(c, b, settings.confidence());
        double alpha = 1 - settings.confidence();
        double marginalAlpha = 1 - settings.marginalConfidence();
        double clearance = settings.tolerance() * Math.abs(s.estimate());
        boolean up = s.lower() > 0 && s.lower() > clearance;
        boolean down = s.upper() < 0 && -s.upper() > clearance;
        boolean harmUp = m.direction() != Direction.DECREASE && s.estimate() > 0;
        boolean harmDown = m.direction() != Direction.INCREASE && s.estimate() < 0;
        String verdict;
        String reason;
        String pText = String.format(Locale.ROOT, "p=%.4g (%s)", t.pValue(), t.method());
        if ((harmUp || harmDown) && t.pValue() < alpha) {
            boolean material = harmUp ? up && effect >= settings.allowedIncrease()
                    : down && effect <= settings.allowedDecrease();
            if (material) {
                verdict = FAIL;
                reason = String.format(Locale.ROOT, "canary %s: %s < %.3g, shift %.4g in [%.4g, %.4g], effect %.4g",
                        harmUp ? "higher" : "lower", pText, alpha, s.estimate(), s.lower(), s.upper(), effect);
            } else {
                verdict = MARGINAL;
                reason = String.format(Locale.ROOT, "canary %s but within tolerance: %s, shift %.4g in [%.4g, %.4g],"
                        + " effect %.4g", harmUp ? "higher" : "lower", pText, s.estimate(), s.lower(), s.upper(),
                        effect);
            }
        } else if ((harmUp || harmDown) && t.pValue() < marginalAlpha) {
            verdict = MARGINAL;
            reason = String.format(Locale.ROOT, "canary %s, suggestive only: %.3g <= %s < %.3g",
                    harmUp ? "higher" : "lower", alpha, pText, marginalAlpha);
        } else {
            verdict = PASS;
            reason = (harmUp || harmDown) ? "no significant harmful change: " + pText
                    : "no change in a harmful direction: " + pText;
        }
        return new MetricResult(m.name(), verdict, reason, b.length, c.length, bm, cm, median(b), median(c), t.u(),
                t.pValue(), t.method(), effect, s.estimate(), s.lower(), s.upper(), m.weight(), m.critical());
    }

    /** The whole run. */
    public RunResult judge(List<Metric> metrics) {
        if (metrics.isEmpty()) {
            return new RunResult(INCONCLUSIVE, 0, "no metrics to judge", List.of());
        }
        List<MetricResult> results = new ArrayList<>();
        for (Metric m : metrics) {
            results.add(judge(m));
        }
        long noData = results.stream().filter(r -> NO_DATA.equals(r.verdict())).count();
        boolean mustHaveMissing = false;
        for (int i = 0; i < metrics.size(); i++) {
            if (metrics.get(i).mustHaveData() && NO_DATA.equals(results.get(i).verdict())) {
                mustHaveMissing = true;
            }
        }
        if (settings.noData() == NoDataPolicy.INCONCLUSIVE && (mustHaveMissing || noData * 2 >= results.size())) {
            return new RunResult(INCONCLUSIVE, 0, noData + " of " + results.size() + " metrics have no data"
                    + (mustHaveMissing ? ", among them a must-have metric" : "") + " (policy: inconclusive)",
                    results);
        }
        double sumW = 0, sumS = 0;
        for (MetricResult r : results) {
            if (FAIL.equals(r.verdict()) && r.critical()) {
                return new RunResult(FAIL, 0, "critical metric " + r.name() + " failed: " + r.reason(), results);
            }
            double s;
            switch (r.verdict()) {
                case PASS -> s = 1;
                case MARGINAL -> s = 0.5;
                case FAIL -> s = 0;
                default -> {
                    if (settings.noData() != NoDataPolicy.FAIL) {
                        continue;
                    }
                    if (r.critical()) {
                        return new RunResult(FAIL, 0, "critical metric " + r.name() + " has no data (policy: fail)",
                                results);
                    }
                    s = 0;
                }
            }
            sumW += r.weight();
            sumS += r.weight() * s;
        }
        if (sumW <= 0) {
            return new RunResult(INCONCLUSIVE, 0, "no metric with data and weight", results);
        }
        double score = 100 * sumS / sumW;
        String verdict = score >= settings.passScore() ? PASS : score >= settings.marginalScore() ? MARGINAL : FAIL;
        return new RunResult(verdict, score, String.format(Locale.ROOT, "score %.1f (pass >= %.0f, marginal >= %.0f)",
                score, settings.passScore(), settings.marginalScore()), results);
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    private static Double meanOrNull(double[] v) {
        return v.length == 0 ? null : mean(v);
    }

    private static Double medianOrNull(double[] v) {
        return v.length == 0 ? null : median(v);
    }

    private static boolean constant(double[] v) {
        for (double x : v) {
            if (x != v[0]) {
                return false;
            }
        }
        return true;
    }
}
