package io.autopilot.placement.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class GapProblemTest {

    static final Path INSTANCES =
            Path.of(System.getProperty("autopilot.shared.dir", "../../shared"), "datasets/gap/instances");

    /** 2 agents x 3 jobs; the first cost row and the weights are wrapped over lines as in the a/b/c/d files. */
    private static final String WRAPPED = """
             2 3
             5 6
             7
             8 9 10
             1 2 3 4
             5
             6
             4 9
            """;

    @Test
    void readsTheTokenStreamWhateverTheLineBreaks() {
        GapProblem problem = GapProblem.parseOrLibrary(WRAPPED);
        assertEquals(2, problem.agents());
        assertEquals(3, problem.jobs());
        assertEquals(1, problem.resources());
        assertEquals(7.0, problem.cost(0, 2));
        assertEquals(8.0, problem.cost(1, 0));
        assertEquals(3, problem.weight(0, 0, 2));
        assertEquals(6, problem.weight(0, 1, 2));
        assertEquals(4, problem.capacity(0, 0));
        assertEquals(9, problem.capacity(0, 1));
        assertTrue(problem.allowed(1, 2));
    }

    @Test
    void readsASharedOrLibraryInstance() throws IOException {
        GapProblem problem = GapProblem.parseOrLibrary(Files.readString(INSTANCES.resolve("c515-1.txt")));
        assertEquals(5, problem.agents());
        assertEquals(15, problem.jobs());
        assertEquals(17.0, problem.cost(0, 0));
        assertEquals(16.0, problem.cost(0, 14));
        assertEquals(25.0, problem.cost(1, 7));
    }

    @Test
    void acceptsDecimalCostsButOnlyIntegerWeights() {
        assertEquals(1.5, GapProblem.parseOrLibrary("1 1 1.5 2 3").cost(0, 0));
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> GapProblem.parseOrLibrary("1 1 1.5 2.5 3"));
        assertTrue(error.getMessage().contains("expected an integer weight w[1][1] at token 4 (line 1, column 9)"),
                error.getMessage());
    }

    @Test
    void namesTheTokenLineAndColumnOfABadToken() {
        String text = "2 2\n1 2\n3 x\n1 1 1 1\n5 5\n";
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> GapProblem.parseOrLibrary(text));
        assertEquals("expected a number cost c[2][2] at token 6 (line 3, column 3), found 'x'", error.getMessage());
    }

    @Test
    void saysHowManyTokensWereExpectedWhenTheTextEndsEarly() {
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> GapProblem.parseOrLibrary("2 2 1 2 3 4 1 1 1 1 5"));
        assertEquals("expected 12 tokens for 2 agents x 2 jobs (m n, 2x2 costs, 2x2 weights, 2 capacities),"
                + " found only 11", error.getMessage());
    }

    @Test
    void rejectsTokensAfterACompleteProblem() {
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> GapProblem.parseOrLibrary("1 1 1 1 1\n2"));
        assertTrue(error.getMessage().startsWith("unexpected token '2' at token 6 (line 2, column 1)"),
                error.getMessage());
    }

    @Test
    void rejectsNonPositiveSizesNegativeWeightsAndEmptyText() {
        assertThrows(IllegalArgumentException.class, () -> GapProblem.parseOrLibrary("0 3"));
        assertThrows(IllegalArgumentException.class, () -> GapProblem.parseOrLibrary("1 1 1 -1 1"));
        IllegalArgumentException empty =
                assertThrows(IllegalArgumentException.class, () -> GapProblem.parseOrLibrary("  \n"));
        assertTrue(empty.getMessage().contains("number of agents"), empty.getMessage());
    }

    @Test
    void rejectsHugeDeclaredSizesBeforeAllocating() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> GapProblem.parseOrLibrary("2000000 2000000 1 2 3"));
        assertTrue(error.getMessage().contains("found only 5"), error.getMessage());
    }

    @Test
    void checksDimensionsAndValuesInTheConstructor() {
        double[][] cost = {{1, 2}, {3, 4}};
        long[][][] weight = {{{1, 1}, {1, 1}}};
        long[][] capacity = {{2, 2}};
        assertThrows(IllegalArgumentException.class,
                () -> new GapProblem(cost, weight, new long[][]{{2}}, null));
        assertThrows(IllegalArgumentException.class,
                () -> new GapProblem(cost, new long[][][]{{{1, -1}, {1, 1}}}, capacity, null));
        assertThrows(IllegalArgumentException.class,
                () -> new GapProblem(new double[][]{{1, Double.NaN}, {3, 4}}, weight, capacity, null));
        assertThrows(IllegalArgumentException.class,
                () -> new GapProblem(cost, weight, capacity, new boolean[][]{{true, true}}));
        assertThrows(IllegalArgumentException.class, () -> new GapProblem(cost, new long[0][][], new long[0][], null));
    }

    @Test
    void copiesItsInputAndAnswersForbiddenPairs() {
        double[][] cost = {{1, 2}, {3, 4}};
        boolean[][] allowed = {{true, false}, {true, true}};
        GapProblem problem = new GapProblem(cost, new long[][][]{{{1, 1}, {1, 1}}}, new long[][]{{2, 2}}, allowed);
        cost[0][0] = 99;
        allowed[0][0] = false;
        assertEquals(1.0, problem.cost(0, 0));
        assertTrue(problem.allowed(0, 0));
        assertFalse(problem.allowed(0, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> problem.cost(2, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> problem.weight(1, 0, 0));
    }
}
