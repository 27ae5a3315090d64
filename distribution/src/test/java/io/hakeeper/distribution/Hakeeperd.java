package io.hakeeper.distribution;

import java.util.regex.Pattern;

import io.hakeeper.engine.lab.LabProcess;

/** One hakeeperd of the assembled tree running in a lab node. */
record Hakeeperd(LabProcess process) implements LabRouter {

    /** {@code VI_1 (VRID 51, IPv4): BACKUP -> MASTER}, hakeeperd's one line per transition. */
    private static final Pattern TRANSITION = Pattern.compile(
            "(?<instance>\\S+) \\(VRID \\d+, IPv[46]\\): (INIT|BACKUP|MASTER|FAULT|STOP) -> (?<state>INIT|BACKUP|MASTER|FAULT|STOP)");

    @Override
    public Pattern transitionLine() {
        return TRANSITION;
    }

    static void sleep(long millis) {
        LabRouter.sleep(millis);
    }

    @Override
    public String toString() {
        return "hakeeperd on " + node().name();
    }
}
