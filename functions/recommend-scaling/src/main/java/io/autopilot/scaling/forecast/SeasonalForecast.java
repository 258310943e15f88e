package io.autopilot.scaling.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A seasonal forecast with an interval for hourly load: additive Holt-Winters (level, trend, 24-hour season; alpha 0.3,
 * beta 0.05, gamma 0.3, as PHPA and statsmodels parameterise it) fitted over the history, and an interval from the
 * empirical quantiles (10 % / 90 %) of its one-step-ahead residuals, widened with the square root of the horizon.
 * With less than two seasons of history it falls back to a flat forecast at the recent mean.
 */
public final class SeasonalForecast {

    /** One forecast hour. */
    public record Point(int hoursAhead, double value, double lower, double upper) {
    }

    private final int season;
    private final double alpha, beta, gamma;

    public SeasonalForecast(int season, double alpha, double beta, double gamma) {
        this.season = season;
        this.alpha = alpha;
        this.beta = beta;
        this.gamma = gamma;
    }

    public static SeasonalForecast daily() {
        return new SeasonalForecast(24, 0.3, 0.05, 0.3);
    }

    public List<Point> forecast(double[] hourly, int horizon) {
        int n = hourly.length;
        List<Point> out = new ArrayList<>();
        if (n == 0) {
            return out;
        }
        if (n < 2 * season) {
            double mean = Arrays.stream(hourly, Math.max(0, n - season), n).average().orElse(0);
            double[] abs = Arrays.stream(hourly).map(v -> Math.abs(v - mean)).sorted().toArray();
            double spread = abs[(int) Math.floor(0.9 * (abs.length - 1))];
            for (int h = 1; h <= horizon; h++) {
                out.add(new Point(h, mean, Math.max(0, mean - spread), mean + spread));
            }
            return out;
        }
        // initial level and trend from the first two seasons, season indices from the first
        double m1 = Arrays.stream(hourly, 0, season).average().orElse(0);
        double m2 = Arrays.stream(hourly, season, 2 * season).average().orElse(0);
        double level = m1, trend = (m2 - m1) / season;
        double[] s = new double[season];
        for (int i = 0; i < season; i++) {
            s[i] = hourly[i] - m1;
        }
        List<Double> residuals = new ArrayList<>();
        for (int t = season; t < n; t++) {
            double predicted = level + trend + s[t % season];
            residuals.add(hourly[t] - predicted);
            double prevLevel = level;
            level = alpha * (hourly[t] - s[t % season]) + (1 - alpha) * (level + trend);
            trend = beta * (level - prevLevel) + (1 - beta) * trend;
            s[t % season] = gamma * (hourly[t] - level) + (1 - gamma) * s[t % season];
        }
        double[] r = residuals.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double lo = r[(int) Math.floor(0.1 * (r.length - 1))], hi = r[(int) Math.ceil(0.9 * (r.length - 1))];
        for (int h = 1; h <= horizon; h++) {
            double v = level + h * trend + s[(n + h - 1) % season];
            double widen = Math.sqrt(h);
            out.add(new Point(h, Math.max(0, v), Math.max(0, v + lo * widen), Math.max(0, v + hi * widen)));
        }
        return out;
    }
}
