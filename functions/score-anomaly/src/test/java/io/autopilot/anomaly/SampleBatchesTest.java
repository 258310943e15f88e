package io.autopilot.anomaly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.autopilot.events.ProblemException;

class SampleBatchesTest {

    private final ObjectMapper mapper = new ObjectMapper();

    private JsonNode json(String text) throws Exception {
        return mapper.readTree(text.replace('\'', '"'));
    }

    private ProblemException refused(String text) throws Exception {
        JsonNode data = json(text);
        return assertThrows(ProblemException.class, () -> SampleBatches.validate(data));
    }

    @Test
    void readsEpochSecondsRfc3339AndPrometheusStyleStringValues() throws Exception {
        SampleBatches.Batch batch = SampleBatches.validate(json(
                "{'seriesId':'s','labels':{'__name__':'m'},'samples':[[1700000000,1],[1700000060.5,'2.5'],['2023-11-14T22:15:00Z',3e0]]}"));
        assertArrayEquals(new long[] { 1_700_000_000_000L, 1_700_000_060_500L, 1_700_000_100_000L }, batch.series().times());
        assertArrayEquals(new double[] { 1, 2.5, 3 }, batch.series().values());
        assertEquals("m", batch.series().labels().get("__name__"));
        assertEquals(null, batch.kind());
    }

    @Test
    void refusesNaNAndInfinityNamingTheValue() throws Exception {
        ProblemException nan = refused("{'seriesId':'s','samples':[[1,1],[2,'NaN']]}");
        assertEquals("/samples/1/1", nan.problem().field());
        assertEquals(400, nan.problem().status());
        assertEquals("/samples/0/1", refused("{'seriesId':'s','samples':[[1,'+Inf']]}").problem().field());
        assertEquals("/samples/0/1", refused("{'seriesId':'s','samples':[[1,'fast']]}").problem().field());
        assertEquals("/samples/0/1", refused("{'seriesId':'s','samples':[[1,null]]}").problem().field());
    }

    @Test
    void refusesMissingTimestampsAndPairsOfTheWrongShape() throws Exception {
        assertEquals("/samples/1/0", refused("{'seriesId':'s','samples':[[1,1],[null,2]]}").problem().field());
        assertEquals("/samples/1/0", refused("{'seriesId':'s','samples':[[1,1],['',2]]}").problem().field());
        assertEquals("/samples/0/0", refused("{'seriesId':'s','samples':[['yesterday',2]]}").problem().field());
        assertEquals("/samples/1", refused("{'seriesId':'s','samples':[[1,1],[2]]}").problem().field());
        assertEquals("/samples/0", refused("{'seriesId':'s','samples':[{'t':1,'v':1}]}").problem().field());
    }

    @Test
    void refusesOutOfOrderAndDuplicateTimestampsNamingTheLaterSample() throws Exception {
        ProblemException late = refused("{'seriesId':'s','samples':[[1,1],[3,1],[2,1]]}");
        assertEquals("/samples/2/0", late.problem().field());
        assertTrue(late.problem().detail().contains("older than sample 1"));
        ProblemException twice = refused("{'seriesId':'s','samples':[[1,1],[1,2]]}");
        assertEquals("/samples/1/0", twice.problem().field());
        assertTrue(twice.problem().detail().contains("same timestamp"));
        // 1.0004 s and 1.0 s are one millisecond apart after rounding: still distinct, still in order
        assertEquals(2, SampleBatches.validate(json("{'seriesId':'s','samples':[[1,1],[1.001,2]]}")).series().size());
    }

    @Test
    void refusesAnEmptySeriesAMissingIdAndAnUnknownKind() throws Exception {
        assertEquals("/samples", refused("{'seriesId':'s','samples':[]}").problem().field());
        assertEquals("/samples", refused("{'seriesId':'s'}").problem().field());
        assertEquals("/seriesId", refused("{'samples':[[1,1]]}").problem().field());
        assertEquals("/seriesId", refused("{'seriesId':' ','samples':[[1,1]]}").problem().field());
        assertEquals("/kind", refused("{'seriesId':'s','kind':'weather','samples':[[1,1]]}").problem().field());
        assertEquals("/labels/a~1b", refused("{'seriesId':'s','labels':{'a/b':1},'samples':[[1,1]]}").problem().field());
        assertEquals("", refused("[1,2]").problem().field());
    }
}
