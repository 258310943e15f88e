/** Load forecast (additive Holt-Winters with an empirical interval) and the replica plan ahead of the peak. */
package io.autopilot.scaling.forecast;
