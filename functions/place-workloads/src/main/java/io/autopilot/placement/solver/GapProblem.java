package io.autopilot.placement.solver;

import java.util.ArrayList;
import java.util.List;

/**
 * A generalized assignment problem with several resource dimensions and forbidden pairs: assign every job to
 * exactly one allowed agent so that, for every resource, the jobs on an agent fit its capacity, at minimum
 * total cost.
 *
 * <p>Immutable. The constructor copies its arguments into flat row-major arrays, because the solver's inner
 * loops read them millions of times per second and a flat {@code double[]} is both faster and more
 * cache-friendly than an array of arrays.
 */
public final class GapProblem {

    private final int agents;
    private final int jobs;
    private final int resources;
    /** cost[a * jobs + j]. */
    final double[] cost;
    /** weight[(r * agents + a) * jobs + j]. */
    final long[] weight;
    /** capacity[r * agents + a]. */
    final long[] capacity;
    /** allowed[a * jobs + j]; null when every pair is allowed. */
    final boolean[] allowed;

    /**
     * @param cost     cost[agent][job], finite
     * @param weight   weight[resource][agent][job], non-negative; at least one resource
     * @param capacity capacity[resource][agent], non-negative
     * @param allowed  allowed[agent][job]; null means every pair is allowed
     * @throws IllegalArgumentException when the dimensions disagree or a value is out of range
     */
    public GapProblem(double[][] cost, long[][][] weight, long[][] capacity, boolean[][] allowed) {
        require(cost != null && weight != null && capacity != null, "cost, weight and capacity are required");
        this.agents = cost.length;
        require(agents >= 1, "at least one agent is required");
        require(cost[0] != null, "cost[0] is null");
        this.jobs = cost[0].length;
        this.resources = weight.length;
        require(resources >= 1, "at least one resource dimension is required");
        require(capacity.length == resources,
                "capacity has " + capacity.length + " resource rows, weight has " + resources);
        this.cost = flattenCost(cost);
        this.weight = flattenWeight(weight);
        this.capacity = flattenCapacity(capacity);
        this.allowed = allowed == null ? null : flattenAllowed(allowed);
    }

    private double[] flattenCost(double[][] source) {
        double[] flat = new double[agents * jobs];
        for (int a = 0; a < agents; a++) {
            require(source[a] != null && source[a].length == jobs,
                    "cost[" + a + "] must have " + jobs + " entries");
            for (int j = 0; j < jobs; j++) {
                double value = source[a][j];
                require(Double.isFinite(value), "cost[" + a + "][" + j + "] is not finite: " + value);
                flat[a * jobs + j] = value;
            }
        }
        return flat;
    }

    private long[] flattenWeight(long[][][] source) {
        long[] flat = new long[resources * agents * jobs];
        for (int r = 0; r < resources; r++) {
            require(source[r] != null && source[r].length == agents,
                    "weight[" + r + "] must have " + agents + " agent rows");
            for (int a = 0; a < agents; a++) {
                require(source[r][a] != null && source[r][a].length == jobs,
                        "weight[" + r + "][" + a + "] must have " + jobs + " entries");
                for (int j = 0; j < jobs; j++) {
                    long value = source[r][a][j];
                    require(value >= 0, "weight[" + r + "][" + a + "][" + j + "] is negative: " + value);
                    flat[(r * agents + a) * jobs + j] = value;
                }
            }
        }
        return flat;
    }

    private long[] flattenCapacity(long[][] source) {
        long[] flat = new long[resources * agents];
        for (int r = 0; r < resources; r++) {
            require(source[r] != null && source[r].length == agents,
                    "capacity[" + r + "] must have " + agents + " entries");
            for (int a = 0; a < agents; a++) {
                require(source[r][a] >= 0, "capacity[" + r + "][" + a + "] is negative: " + source[r][a]);
                flat[r * agents + a] = source[r][a];
            }
        }
        return flat;
    }

    private boolean[] flattenAllowed(boolean[][] source) {
        require(source.length == agents, "allowed must have " + agents + " agent rows");
        boolean[] flat = new boolean[agents * jobs];
        for (int a = 0; a < agents; a++) {
            require(source[a] != null && source[a].length == jobs,
                    "allowed[" + a + "] must have " + jobs + " entries");
            System.arraycopy(source[a], 0, flat, a * jobs, jobs);
        }
        return flat;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    public int agents() {
        return agents;
    }

    public int jobs() {
        return jobs;
    }

    public int resources() {
        return resources;
    }

    public double cost(int agent, int job) {
        return cost[checkedAgent(agent) * jobs + checkedJob(job)];
    }

    public long weight(int resource, int agent, int job) {
        return weight[(checkedResource(resource) * agents + checkedAgent(agent)) * jobs + checkedJob(job)];
    }

    public long capacity(int resource, int agent) {
        return capacity[checkedResource(resource) * agents + checkedAgent(agent)];
    }

    public boolean allowed(int agent, int job) {
        int index = checkedAgent(agent) * jobs + checkedJob(job);
        return allowed == null || allowed[index];
    }

    private int checkedAgent(int agent) {
        if (agent < 0 || agent >= agents) {
            throw new IndexOutOfBoundsException("agent " + agent + " outside 0.." + (agents - 1));
        }
        return agent;
    }

    private int checkedJob(int job) {
        if (job < 0 || job >= jobs) {
            throw new IndexOutOfBoundsException("job " + job + " outside 0.." + (jobs - 1));
        }
        return job;
    }

    private int checkedResource(int resource) {
        if (resource < 0 || resource >= resources) {
            throw new IndexOutOfBoundsException("resource " + resource + " outside 0.." + (resources - 1));
        }
        return resource;
    }

    /**
     * Parses one problem in the OR-Library single-problem format: {@code m n}, then m rows of n costs, m rows of
     * n resource uses, then m capacities. Line breaks carry no meaning (the large files wrap rows), so the text
     * is read as a stream of whitespace-separated tokens. Costs may be decimals; weights and capacities are
     * integers. The result has one resource dimension and no forbidden pairs.
     *
     * @throws IllegalArgumentException naming the token number, line and column of the first bad token, or
     *                                  saying how many tokens were expected when the text ends early or has
     *                                  tokens left over
     */
    public static GapProblem parseOrLibrary(String text) {
        return new OrLibraryReader(text).read();
    }

    /** Token stream over the text that remembers where each token starts, for error messages. */
    private static final class OrLibraryReader {
        private final String text;
        private final List<Integer> starts = new ArrayList<>();
        private int next;

        OrLibraryReader(String text) {
            if (text == null) {
                throw new IllegalArgumentException("no text to parse");
            }
            this.text = text;
            tokenize();
        }

        private void tokenize() {
            int i = 0;
            int length = text.length();
            while (i < length) {
                while (i < length && Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                if (i < length) {
                    starts.add(i);
                    while (i < length && !Character.isWhitespace(text.charAt(i))) {
                        i++;
                    }
                }
            }
        }

        GapProblem read() {
            int m = (int) positive("the number of agents m", Integer.MAX_VALUE);
            int n = (int) positive("the number of jobs n", Integer.MAX_VALUE);
            // Check the length before allocating, so "1000000 1000000" fails with a message, not an OutOfMemoryError.
            long expected = 2L + 2L * m * n + m;
            if (expected > starts.size()) {
                throw new IllegalArgumentException("expected " + expected + " tokens for " + m + " agents x " + n
                        + " jobs (m n, " + m + "x" + n + " costs, " + m + "x" + n + " weights, " + m
                        + " capacities), found only " + starts.size());
            }
            double[][] cost = new double[m][n];
            long[][][] weight = new long[1][m][n];
            long[][] capacity = new long[1][m];
            for (int a = 0; a < m; a++) {
                for (int j = 0; j < n; j++) {
                    cost[a][j] = decimal("cost c[" + (a + 1) + "][" + (j + 1) + "]");
                }
            }
            for (int a = 0; a < m; a++) {
                for (int j = 0; j < n; j++) {
                    weight[0][a][j] = integer("weight w[" + (a + 1) + "][" + (j + 1) + "]", 0);
                }
            }
            for (int a = 0; a < m; a++) {
                capacity[0][a] = integer("capacity cap[" + (a + 1) + "]", 0);
            }
            if (next < starts.size()) {
                throw new IllegalArgumentException("unexpected token '" + token(next) + "' at " + where(next)
                        + " after a complete " + m + "x" + n + " problem (" + expected + " tokens)");
            }
            return new GapProblem(cost, weight, capacity, null);
        }

        private long positive(String what, long max) {
            long value = integer(what, 1);
            if (value > max) {
                throw new IllegalArgumentException(what + " at " + where(next - 1) + " is too large: " + value);
            }
            return value;
        }

        private long integer(String what, long min) {
            int index = take(what);
            String token = token(index);
            long value;
            try {
                value = Long.parseLong(token);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected an integer " + what + " at " + where(index)
                        + ", found '" + shorten(token) + "'");
            }
            if (value < min) {
                throw new IllegalArgumentException(what + " at " + where(index) + " must be at least " + min
                        + ", found " + value);
            }
            return value;
        }

        private double decimal(String what) {
            int index = take(what);
            String token = token(index);
            try {
                double value = Double.parseDouble(token);
                if (Double.isFinite(value) && !token.endsWith("d") && !token.endsWith("f")
                        && !token.endsWith("D") && !token.endsWith("F")) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
            throw new IllegalArgumentException("expected a number " + what + " at " + where(index)
                    + ", found '" + shorten(token) + "'");
        }

        private int take(String what) {
            if (next >= starts.size()) {
                throw new IllegalArgumentException("text ends after token " + starts.size() + ", expected " + what);
            }
            return next++;
        }

        private String token(int index) {
            int start = starts.get(index);
            int end = start;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                end++;
            }
            return text.substring(start, end);
        }

        /** "token 17 (line 3, column 5)", 1-based, as an editor shows it. */
        private String where(int index) {
            int offset = starts.get(index);
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < offset; i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            return "token " + (index + 1) + " (line " + line + ", column " + (offset - lineStart + 1) + ")";
        }

        private static String shorten(String token) {
            return token.length() <= 40 ? token : token.substring(0, 40) + "...";
        }
    }
}
