/**
 * Right-sizing, plain Java: the VPA recommender reproduced exactly (decaying exponential histograms, 24 h half-life,
 * P90 target with 15 % margin, confidence-scaled bounds, minimums, OOM bump-up), Autopilot's seasonal recommender,
 * and the replay that scores both on usage traces ({@code ./autopilot eval-rightsizing}, run with a bare
 * {@code java -cp}).
 */
package io.autopilot.scaling.rightsizing;
