package io.hakeeper.plugin.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;

import io.hakeeper.api.AuthMethod;
import io.hakeeper.api.AuthVerdict;
import io.hakeeper.api.MapSettings;
import io.hakeeper.api.PluginContext;

/** AH runs on the event loop for every advert: after warm-up, sealing and verifying allocate nothing. */
class AhAllocationTest {

    @Test
    void sealAndVerifyAllocateNothingAfterWarmUp() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "per-thread allocation counter unavailable");
        threads.setThreadAllocatedMemoryEnabled(true);
        AhAuthMethodFactory factory = new AhAuthMethodFactory();
        PluginContext context = new PluginContext("VI_1", "lb1", null);
        AuthMethod sender = factory.create(MapSettings.of("auth_type", "AH", "auth_pass", "secret"), context);
        AuthMethod receiver = factory.create(MapSettings.of("auth_type", "AH", "auth_pass", "secret"), context);
        AhAdvert advert = AhAdvert.build(true, 0, AhAdvert.MULTICAST, 0xc0000264, 0xc0000265);

        run(sender, receiver, advert, 50_000);
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        int accepted = run(sender, receiver, advert, 10_000);
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertEquals(10_000, accepted);
        assertEquals(0, allocated, "bytes allocated by 10 000 seal + verify rounds");
    }

    private static int run(AuthMethod sender, AuthMethod receiver, AhAdvert advert, int rounds) {
        int accepted = 0;
        for (int i = 0; i < rounds; i++) {
            sender.seal(advert.packet(), advert.layout());
            if (receiver.verify(advert.packet(), advert.layout()) == AuthVerdict.ACCEPTED) {
                accepted++;
            }
        }
        return accepted;
    }
}
