package io.autopilot.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class QuantitiesTest {

    @Test
    void readsCpuInMillicoresRoundingUp() {
        assertEquals(500, Quantities.cpuMillis("500m"));
        assertEquals(2000, Quantities.cpuMillis("2"));
        assertEquals(1500, Quantities.cpuMillis("1.5"));
        assertEquals(1, Quantities.cpuMillis("0.0001"));
    }

    @Test
    void readsMemoryInMebibytesWithBinaryAndDecimalSuffixes() {
        assertEquals(512, Quantities.memoryMiB("512Mi"));
        assertEquals(4096, Quantities.memoryMiB("4Gi"));
        assertEquals(954, Quantities.memoryMiB("1G"), "10^9 bytes is 953.67 MiB, rounded up");
        assertEquals(1, Quantities.memoryMiB("1"), "one byte still needs a MiB");
    }

    @Test
    void refusesWhatIsNotAQuantity() {
        assertThrows(IllegalArgumentException.class, () -> Quantities.cpuMillis("two"));
        assertThrows(IllegalArgumentException.class, () -> Quantities.memoryMiB("4GB"));
        assertThrows(IllegalArgumentException.class, () -> Quantities.memoryMiB(null));
    }
}
