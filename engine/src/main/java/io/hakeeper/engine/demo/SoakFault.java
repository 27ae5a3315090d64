package io.hakeeper.engine.demo;

import java.util.List;
import java.util.Optional;

/**
 * A fault as it was injected: when it began and when it healed (wall clock, microseconds since the epoch,
 * the clock of the capture and of ping -D), what it was done to, and what was judged while doing it.
 *
 * @param exemptVirtualRouter a virtual router whose VIP the fault itself holds back (a VIP backend call that
 *                            hangs); its VIP checks are left out for this fault, its master checks are not
 * @param checks              judged during the fault: a reload's answer, whether it healed
 * @param planned             false for a restart the soak made to carry on after a daemon died or stopped
 *                            answering: judged like a fault, not counted as one
 */
record SoakFault(int number, SoakFaultKind kind, String target, long startMicros, long healMicros, String detail,
        Optional<String> exemptVirtualRouter, List<SoakCheck> checks, boolean planned) {
}
