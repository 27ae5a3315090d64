package io.hakeeper.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.hakeeper.api.VrrpState;
import io.hakeeper.engine.loop.LatenessTracker;
import io.hakeeper.engine.loop.LoopCore;
import io.hakeeper.engine.vrrp.ActionBuffer;

/**
 * A backup hears that its takeover is near ({@link SideEffects#takeoverNear}) the loop's lead before its
 * master-down timer runs out, once per deadline, so that the VIP work can be made ready; a master, whose
 * timer sends adverts, never does: the loop would wake twice per advert for nothing. A backup whose
 * Master_Down_Interval is a second or more also asks for the loop's warm-up before that: it has waited long
 * enough for the process's memory to go cold.
 */
class TakeoverHeadsUpTest {

    private static final long SECOND = 1_000_000_000L;

    private long now = SECOND;
    private final List<String> heard = new ArrayList<>();
    private final LoopCore loop = new LoopCore(new LatenessTracker(Long.MAX_VALUE));
    {
        loop.onWarmUp(() -> heard.add("warm-up at " + now));
    }
    private final VrrpRuntime runtime = new VrrpRuntime(loop, () -> now, new ActionBuffer(), new NoSideEffects() {
        @Override
        public void takeoverNear(InstanceRuntime instance) {
            heard.add(instance.label() + " near at " + now);
        }

        @Override
        public void addVips(InstanceRuntime instance) {
            heard.add(instance.label() + " adds at " + now);
        }
    });

    @Test
    void aBackupHearsOfItsTakeoverTheLeadBeforeItAndAMasterNever() throws Exception {
        InstanceRuntime backup = TestInstances.add(runtime, "VI_1", 51, 100, List.of());
        runtime.start();
        long masterDown = backup.machine().nextDeadlineNanos();
        long headsUp = masterDown - LoopCore.HEADS_UP_LEAD_NANOS;
        long warmUp = masterDown - LoopCore.WARM_UP_LEAD_NANOS;

        assertEquals(warmUp, loop.runDue(now));
        now = warmUp;
        assertEquals(headsUp, loop.runDue(now));
        assertEquals(List.of("warm-up at " + warmUp), heard);
        now = headsUp;
        assertEquals(masterDown, loop.runDue(now));
        assertEquals(List.of("warm-up at " + warmUp, backup.label() + " near at " + headsUp), heard);

        now = masterDown;
        long nextAdvert = loop.runDue(now);
        assertEquals(VrrpState.MASTER, backup.machine().state());
        assertEquals(backup.machine().nextDeadlineNanos(), nextAdvert, "a master's timer woke the loop early");
        for (int advert = 0; advert < 5; advert++) {
            now = loop.runDue(now);
        }
        assertEquals(List.of("warm-up at " + warmUp, backup.label() + " near at " + headsUp,
                backup.label() + " adds at " + masterDown), heard, "only the backup's deadline had a heads-up");
    }

    @Test
    void aBackupWithAShortMasterDownIntervalGetsNoWarmUp() throws Exception {
        InstanceRuntime backup = TestInstances.add(runtime, "VI_1", 51, 100, 10, List.of());
        runtime.start();
        long masterDown = backup.machine().nextDeadlineNanos();
        long headsUp = masterDown - LoopCore.HEADS_UP_LEAD_NANOS;

        assertEquals(headsUp, loop.runDue(now), "advert_int 0.1 s: Master_Down_Interval 0.3 s, no warm-up");
        now = headsUp;
        loop.runDue(now);
        assertEquals(List.of(backup.label() + " near at " + headsUp), heard);
    }
}
