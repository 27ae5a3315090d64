package io.hakeeper.engine.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.management.HotSpotDiagnosticMXBean;

/** The steady heap free ratios the launcher names are the ones this JVM runs with after the settling. */
class StartupHeapTest {

    private final HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    private String min;
    private String max;

    @BeforeEach
    void remember() {
        min = flag("MinHeapFreeRatio");
        max = flag("MaxHeapFreeRatio");
    }

    @AfterEach
    void restore() {
        System.clearProperty(StartupHeap.PROPERTY);
        vm.setVMOption("MinHeapFreeRatio", "0");
        vm.setVMOption("MaxHeapFreeRatio", max);
        vm.setVMOption("MinHeapFreeRatio", min);
    }

    @Test
    void theSteadyRatiosAreSetBelowTheStartOnes() {
        set(70, 90);
        System.setProperty(StartupHeap.PROPERTY, "10,20");
        StartupHeap.settle();
        assertEquals("10", flag("MinHeapFreeRatio"));
        assertEquals("20", flag("MaxHeapFreeRatio"));
    }

    @Test
    void theSteadyRatiosAreSetAboveTheStartOnesInTheOrderTheJvmAccepts() {
        set(10, 20);
        System.setProperty(StartupHeap.PROPERTY, "70, 90");
        StartupHeap.settle();
        assertEquals("70", flag("MinHeapFreeRatio"));
        assertEquals("90", flag("MaxHeapFreeRatio"));
    }

    @Test
    void aWrongValueLeavesTheRatiosAsTheyWere() {
        set(40, 70);
        for (String wrong : new String[] {"30,20", "10", "ten,20", "10,101"}) {
            System.setProperty(StartupHeap.PROPERTY, wrong);
            StartupHeap.settle();
            assertEquals("40", flag("MinHeapFreeRatio"), wrong);
            assertEquals("70", flag("MaxHeapFreeRatio"), wrong);
        }
    }

    @Test
    void withoutThePropertyNothingChanges() {
        set(40, 70);
        StartupHeap.settle();
        assertEquals("40", flag("MinHeapFreeRatio"));
        assertEquals("70", flag("MaxHeapFreeRatio"));
    }

    private void set(int newMin, int newMax) {
        vm.setVMOption("MinHeapFreeRatio", "0");
        vm.setVMOption("MaxHeapFreeRatio", Integer.toString(newMax));
        vm.setVMOption("MinHeapFreeRatio", Integer.toString(newMin));
    }

    private String flag(String name) {
        return vm.getVMOption(name).getValue();
    }
}
