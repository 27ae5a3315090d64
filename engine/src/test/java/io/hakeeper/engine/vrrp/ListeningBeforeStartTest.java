package io.hakeeper.engine.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.hakeeper.api.VrrpState;

/**
 * A backup started late in a long start (the loop starts 1,000 instances in slices) listens from the
 * elections' start: its master-down timer counts from then, and the adverts read for it before its own
 * start count as if heard by a backup.
 */
class ListeningBeforeStartTest {

    private static final byte[] OWN = {10, 0, 0, 5};
    private static final byte[] PEER = {10, 0, 0, 9};
    private static final long MS = 1_000_000L;
    /** advert_int 1 s, priority 100: Master_Down_Interval 3 s plus a skew of 156/256 s. */
    private static final long MASTER_DOWN = 3_000 * MS + (256 - 100) * 1_000 * MS / 256;
    private static final long ELECTIONS = 10_000 * MS;

    private final ActionBuffer out = new ActionBuffer();
    private final InstanceMachine backup = new InstanceMachine(
            new InstanceParameters("VI_1", 3, 1, 100, 100, false, 0, OWN, false, List.of()), out);

    @Test
    void aBackupStartedLateCountsItsMasterDownTimeFromTheElectionsStart() {
        backup.onStart(ELECTIONS, ELECTIONS + 80 * MS);

        assertEquals(VrrpState.BACKUP, backup.state());
        assertEquals(ELECTIONS + MASTER_DOWN, backup.nextDeadlineNanos());
    }

    @Test
    void anAdvertReadBeforeTheStartHoldsTheBackupAsIfHeardThen() {
        backup.onAdvert(new ReusableAdvert().set(200, PEER), ELECTIONS + 30 * MS);
        backup.onStart(ELECTIONS, ELECTIONS + 80 * MS);

        assertEquals(ELECTIONS + 30 * MS + MASTER_DOWN, backup.nextDeadlineNanos());
    }

    /** Started after a whole Master_Down_Interval of a live master's adverts, it stays backup. */
    @Test
    void aStartLaterThanMasterDownIntervalTakesNothingOverFromALiveMaster() {
        ReusableAdvert advert = new ReusableAdvert().set(200, PEER);
        for (long at = ELECTIONS + 500 * MS; at < ELECTIONS + 5_000 * MS; at += 1_000 * MS) {
            backup.onAdvert(advert, at);
        }
        long started = ELECTIONS + 5_000 * MS;
        backup.onStart(ELECTIONS, started);

        assertEquals(VrrpState.BACKUP, backup.state());
        assertEquals(ELECTIONS + 4_500 * MS + MASTER_DOWN, backup.nextDeadlineNanos());
        backup.onTimer(started);
        assertEquals(VrrpState.BACKUP, backup.state(), "took over from a master it heard");
    }

    @Test
    void aResignationReadBeforeTheStartLeavesOnlyTheSkewTime() {
        backup.onAdvert(new ReusableAdvert().set(0, PEER), ELECTIONS + 30 * MS);
        backup.onStart(ELECTIONS, ELECTIONS + 80 * MS);

        assertEquals(ELECTIONS + 30 * MS + backup.skewTimeNanos(), backup.nextDeadlineNanos());
    }

    @Test
    void anAdvertFromBeforeTheElectionsStartCountsForNothing() {
        backup.onAdvert(new ReusableAdvert().set(200, PEER), ELECTIONS - 30 * MS);
        backup.onStart(ELECTIONS, ELECTIONS + 80 * MS);

        assertEquals(ELECTIONS + MASTER_DOWN, backup.nextDeadlineNanos());
    }

    /** A lower priority is not accepted by a preempting backup, before its start as after it. */
    @Test
    void aLowerPriorityAdvertReadBeforeTheStartHoldsNothing() {
        backup.onAdvert(new ReusableAdvert().set(50, PEER), ELECTIONS + 30 * MS);
        backup.onStart(ELECTIONS, ELECTIONS + 80 * MS);

        assertEquals(ELECTIONS + MASTER_DOWN, backup.nextDeadlineNanos());
    }

    /** The start of one instance added by a reload listens from its own start, as before. */
    @Test
    void aStartOnItsOwnCountsFromItself() {
        backup.onStart(ELECTIONS);

        assertEquals(ELECTIONS + MASTER_DOWN, backup.nextDeadlineNanos());
    }
}
