/**
 * The canary judge, plain Java: the two-sided Mann-Whitney U test (exact for small samples without ties, normal
 * approximation with tie and continuity corrections otherwise, scipy's {@code method='auto'} rules), the
 * Hodges-Lehmann shift, Kayenta-style classification and scoring, and the {@code judge-canary} command. No framework
 * here: {@code ./autopilot judge-canary} runs it with a bare {@code java -cp}.
 */
package io.autopilot.remediation.judge;
