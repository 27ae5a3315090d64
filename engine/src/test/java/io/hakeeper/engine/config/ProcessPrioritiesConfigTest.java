package io.hakeeper.engine.config;

import static io.hakeeper.engine.config.Configs.INSTANCE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import io.hakeeper.engine.config.model.ProcessPriorities;

/**
 * keepalived's process keywords in [global_defs]: keepalived's ranges (vrrp_rt_priority 1 to 99, vrrp_priority
 * -20 to 19, vrrp_rlimit_rttime an unsigned 32-bit count of microseconds, CPU numbers), each mistake shown at
 * its file:line:col, and the realtime limit's default.
 */
class ProcessPrioritiesConfigTest {

    private static ProcessPriorities load(String globalDefs) {
        ValidationReport report = Configs.validate("[global_defs]\n" + globalDefs + INSTANCE);
        assertEquals(List.of(), Configs.messages(report));
        return report.config().orElseThrow().globalDefs().processPriorities();
    }

    private static List<String> problems(String globalDefs) {
        return Configs.messages(Configs.validate("[global_defs]\n" + globalDefs + INSTANCE));
    }

    @Test
    void theBoundsOfEveryRangeAreAccepted() {
        assertEquals(OptionalInt.of(1), load("vrrp_rt_priority = 1\n").realtimePriority());
        assertEquals(OptionalInt.of(99), load("vrrp_rt_priority = 99\n").realtimePriority());
        assertEquals(OptionalInt.of(-20), load("vrrp_priority = -20\n").nice());
        assertEquals(OptionalInt.of(19), load("vrrp_priority = 19\n").nice());
        assertEquals(OptionalLong.of(1), load("vrrp_rlimit_rttime = 1\n").rlimitRttime());
        assertEquals(OptionalLong.of(4294967295L), load("vrrp_rlimit_rttime = 4294967295\n").rlimitRttime());
        assertEquals(List.of(0, 1023), load("vrrp_cpu_affinity = [1023, 0]\n").cpus());
    }

    @Test
    void valuesOutsideKeepalivedsRangesAreRefusedAtTheirLine() {
        assertEquals(List.of(
                "test.toml:2:1: global_defs.vrrp_rt_priority: expected an integer from 1 to 99, got 0",
                "test.toml:3:1: global_defs.vrrp_rlimit_rttime: expected an integer from 1 to 4294967295, got"
                        + " 4294967296",
                "test.toml:4:1: global_defs.vrrp_priority: expected an integer from -20 to 19, got 20"),
                problems("vrrp_rt_priority = 0\nvrrp_rlimit_rttime = 4294967296\nvrrp_priority = 20\n"));
        assertEquals(List.of("test.toml:2:1: global_defs.vrrp_rt_priority: expected an integer from 1 to 99, got 100"),
                problems("vrrp_rt_priority = 100\n"));
        assertEquals(List.of("test.toml:2:1: global_defs.vrrp_priority: expected an integer from -20 to 19, got -21"),
                problems("vrrp_priority = -21\n"));
    }

    @Test
    void aCpuListNamesEachBadEntryAndRefusesAnEmptyList() {
        assertEquals(List.of(
                "test.toml:2:25: global_defs.vrrp_cpu_affinity[1]: expected a CPU number from 0 to 1023, got 1024",
                "test.toml:2:31: global_defs.vrrp_cpu_affinity[2]: expected a CPU number from 0 to 1023, got \"2\""),
                problems("vrrp_cpu_affinity = [0, 1024, \"2\"]\n"));
        assertEquals(List.of("test.toml:2:1: global_defs.vrrp_cpu_affinity: expected at least one CPU number, got an"
                + " empty list"), problems("vrrp_cpu_affinity = []\n"));
    }

    @Test
    void theRealtimeLimitDefaultsToATenthOfASecondWhereKeepalivedTakesTenMilliseconds() {
        ProcessPriorities rt = load("vrrp_rt_priority = 50\n");
        assertEquals(OptionalLong.empty(), rt.rlimitRttime());
        assertEquals(100_000, rt.effectiveRlimitRttime());
        assertEquals(20_000, load("vrrp_rt_priority = 50\nvrrp_rlimit_rttime = 20000\n").effectiveRlimitRttime());
    }

    @Test
    void noKeywordMeansNothingIsAsked() {
        assertEquals(ProcessPriorities.NONE, load(""));
        assertEquals(true, load("vrrp_no_swap = true\n").noSwap());
    }
}
