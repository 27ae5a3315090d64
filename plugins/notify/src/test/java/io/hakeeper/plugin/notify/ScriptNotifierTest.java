package io.hakeeper.plugin.notify;

import static io.hakeeper.api.VrrpState.BACKUP;
import static io.hakeeper.api.VrrpState.FAULT;
import static io.hakeeper.api.VrrpState.INIT;
import static io.hakeeper.api.VrrpState.MASTER;
import static io.hakeeper.api.VrrpState.STOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.hakeeper.api.MapSettings;
import io.hakeeper.api.Notifier;
import io.hakeeper.api.PluginContext;
import io.hakeeper.api.VrrpState;

/** Real scripts in a temp dir, run by the script notifier as keepalived runs notify commands. */
class ScriptNotifierTest {

    @TempDir
    Path dir;

    /** A script that appends one line per run: its arguments, each followed by "|". */
    private Path recorder() throws IOException {
        return script("record.sh", "printf '%s|' \"$@\" >> " + dir.resolve("calls") + "\necho >> " + dir.resolve("calls"));
    }

    private Path script(String name, String body) throws IOException {
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private List<String> calls() throws IOException {
        return Files.readAllLines(dir.resolve("calls"));
    }

    private Notifier notifier(Object... settings) {
        return new ScriptNotifierFactory().create(MapSettings.of(settings), new PluginContext("VI_1", "lb1", dir));
    }

    @Test
    void stateCommandsGetOnlyTheirOwnWordsAndNotifyGetsTypeNameStatePriorityInTransitionOrder() throws Exception {
        String r = recorder().toString();
        Notifier notifier = notifier("notify_master", List.of(r, "master", "two words"),
                "notify_backup", List.of(r, "backup"), "notify_fault", List.of(r, "fault"),
                "notify_stop", List.of(r, "stop"), "notify", List.of(r, "any"));
        List<String> expected = new ArrayList<>();
        VrrpState[] cycle = {BACKUP, MASTER, FAULT};
        VrrpState from = INIT;
        for (int i = 0; i < 60; i++) {
            VrrpState to = cycle[i % cycle.length];
            notifier.notify(Transitions.instance("VI_1", from, to, 100 + i));
            expected.add(to == MASTER ? "master|two words|" : to.name().toLowerCase() + "|");
            expected.add("any|INSTANCE|VI_1|" + to + "|" + (100 + i) + "|");
            from = to;
        }
        notifier.notify(Transitions.instance("VI_1", from, STOP, 0));
        expected.add("stop|");
        expected.add("any|INSTANCE|VI_1|STOP|0|");
        notifier.close();

        assertEquals(expected, calls());
    }

    @Test
    void aGroupIsNotifiedAsGroupWithPriorityZero() throws Exception {
        Notifier notifier = notifier("notify", List.of(recorder().toString()));
        notifier.notify(Transitions.group("G1", BACKUP, MASTER));
        assertEquals(List.of("GROUP|G1|MASTER|0|"), calls());
    }

    @Test
    void enteringInitRunsNothing() throws Exception {
        String r = recorder().toString();
        notifier("notify", List.of(r)).notify(Transitions.instance("VI_1", BACKUP, INIT, 100));
        assertFalse(Files.exists(dir.resolve("calls")));
    }

    @Test
    void aHangingScriptAndItsChildrenAreKilledAtTheTimeoutAndTheRunFails() throws Exception {
        Path pids = dir.resolve("pids");
        Path hang = script("hang.sh", "sleep 60 & echo $! > " + pids + "\nwait");
        Notifier notifier = notifier("notify_master", List.of(hang.toString()), "timeout", 0.3);

        long start = System.nanoTime();
        Exception failure = assertThrows(ScriptNotifier.ScriptFailedException.class,
                () -> notifier.notify(Transitions.instance("VI_1", BACKUP, MASTER, 100)));
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertTrue(failure.getMessage().contains("timeout"), failure.getMessage());
        assertTrue(tookMillis < 5_000, "took " + tookMillis + " ms");
        assertChildDead(pids);
    }

    @Test
    void interruptingTheCallerKillsTheRunningScript() throws Exception {
        Path pids = dir.resolve("pids");
        Path hang = script("hang.sh", "sleep 60 & echo $! > " + pids + "\nwait");
        Notifier notifier = notifier("notify", List.of(hang.toString()));
        Thread caller = new Thread(() -> {
            try {
                notifier.notify(Transitions.instance("VI_1", BACKUP, MASTER, 100));
            } catch (Exception expected) {
                // interrupted
            }
        });
        caller.start();
        while (!Files.exists(pids) || Files.readString(pids).isBlank()) {
            Thread.sleep(10);
        }
        caller.interrupt();
        caller.join(5_000);
        assertFalse(caller.isAlive());
        assertChildDead(pids);
    }

    @Test
    void aFailingScriptFailsTheCallAfterNotifyHasStillRun() throws Exception {
        Path fails = script("fails.sh", "exit 3");
        Notifier notifier = notifier("notify_backup", List.of(fails.toString()),
                "notify", List.of(recorder().toString()));
        Exception failure = assertThrows(ScriptNotifier.ScriptFailedException.class,
                () -> notifier.notify(Transitions.instance("VI_1", MASTER, BACKUP, 90)));
        assertTrue(failure.getMessage().contains("status 3"), failure.getMessage());
        assertEquals(List.of("INSTANCE|VI_1|BACKUP|90|"), calls());
    }

    private static void assertChildDead(Path pids) throws Exception {
        long child = Long.parseLong(Files.readString(pids).trim());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "child " + child + " alive");
    }
}
