package io.hakeeper.plugin.vipiproute2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The runner on ordinary programs in place of ip: no root needed. */
class IpCommandTest {

    @Test
    void aCallThatOutlivesItsTimeoutIsKilledAndReported() {
        IpCommand sleep = new IpCommand(List.of("sleep"), Duration.ofMillis(200));
        long start = System.nanoTime();

        IOException timedOut = assertThrows(IOException.class, () -> sleep.run(List.of("30")));

        assertTrue(timedOut.getMessage().contains("timeout of 200 ms"), timedOut.getMessage());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
    }

    @Test
    void aFailureNamesTheCommandItsStatusAndItsStderr() {
        IpCommand sh = new IpCommand(List.of("sh", "-c"), Duration.ofSeconds(5));

        IOException failed = assertThrows(IOException.class, () -> sh.check(List.of("echo out; echo 'it broke' >&2; exit 3")));

        assertTrue(failed.getMessage().contains("exited with status 3: it broke"), failed.getMessage());
    }

    @Test
    void stdoutIsReturnedWhole() throws Exception {
        IpCommand sh = new IpCommand(List.of("sh", "-c"), Duration.ofSeconds(5));

        assertEquals(200_000, sh.check(List.of("head -c 200000 /dev/zero")).length());
    }
}
