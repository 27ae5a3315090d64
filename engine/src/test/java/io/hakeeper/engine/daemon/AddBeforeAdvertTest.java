package io.hakeeper.engine.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.hakeeper.engine.config.model.Family;
import io.hakeeper.engine.config.model.GarpTiming;
import io.hakeeper.engine.config.model.VrrpInstance;
import io.hakeeper.engine.net.IoStatus;
import io.hakeeper.engine.runtime.InstanceRuntime;
import io.hakeeper.engine.vrrp.ActionBuffer;
import io.hakeeper.engine.vrrp.InstanceMachine;
import io.hakeeper.engine.vrrp.InstanceParameters;
import io.hakeeper.engine.vrrp.ReceiveExpectations;
import io.hakeeper.engine.vrrp.ReceiveLedger;
import io.hakeeper.engine.vrrp.packet.AdvertEncoder;
import io.hakeeper.engine.vrrp.packet.AdvertSpec;

/**
 * A new master's machine asks for its VIPs before its advert, so that a VIP thread already waiting for the
 * takeover adds them while the advert is sent. No thread may be woken for them before the advert, though:
 * on a host of two CPUs a woken thread can take the loop's CPU, and the advert would leave late. So the add
 * waits until the loop has carried out the takeover's actions (the advert among them), with or without an
 * announcer behind it.
 */
class AddBeforeAdvertTest {

    private static final GarpTiming GARP = new GarpTiming(Duration.ZERO, 1, Duration.ZERO, 1, Duration.ZERO, 1);
    private static final VrrpInstance CONFIG = Instances.withVip("VI_1", 51, "192.0.2.51", Duration.ofSeconds(1), GARP);
    /** Long enough for a wrongly woken VIP thread to run the add, on a busy machine too. */
    private static final long WRONG_WAKE_UP_MILLIS = 200;

    private final List<String> happened = new CopyOnWriteArrayList<>();
    private final VipWork vips = new VipWork(new RecordingBackend(happened), getClass().getClassLoader(), "test");
    private final AnnounceWork announcements = new AnnounceWork((interfaceName, addresses) -> happened.add("announce"),
            getClass().getClassLoader(), "test", new AnnouncePacing(Duration.ZERO, Duration.ZERO));

    @AfterEach
    void close() throws Exception {
        vips.close();
        announcements.close();
    }

    @ParameterizedTest(name = "with an announcer: {0}")
    @ValueSource(booleans = {false, true})
    void theAddAskedForBeforeTheAdvertWakesNoThreadUntilTheActionsAreCarriedOut(boolean announcer) throws Exception {
        DaemonSideEffects effects = new DaemonSideEffects(new HashMap<>(Map.of("VI_1", CONFIG)), new HashMap<>(),
                Optional.of(vips), announcer ? Optional.of(announcements) : Optional.empty(), Optional.empty(),
                change -> { });
        InstanceRuntime instance = runtimeOf(CONFIG);

        effects.addVips(instance);
        Thread.sleep(WRONG_WAKE_UP_MILLIS);
        happened.add("advert");
        if (announcer) {
            effects.announce(instance);
        }
        effects.actionsCarriedOut();
        vips.drain(5_000);
        announcements.cancel(instance.label());

        assertEquals(announcer ? List.of("advert", "add 192.0.2.51/24 on eth0", "announce") : List.of("advert", "add 192.0.2.51/24 on eth0"),
                happened.subList(0, announcer ? 3 : 2));
    }

    /** A runtime for the configured instance, as the daemon makes one; its adverts go nowhere. */
    private static InstanceRuntime runtimeOf(VrrpInstance config) throws Exception {
        byte[] source = InetAddress.getByName("192.0.2.11").getAddress();
        InetAddress vip = config.virtualAddresses().get(0).address();
        InstanceMachine machine = new InstanceMachine(new InstanceParameters(config.name(), 3, config.virtualRouterId(), 100, 100,
                false, 0, source, false, List.of()), new ActionBuffer());
        return new InstanceRuntime(config.name(), config.interfaceName(), machine,
                new ReceiveExpectations(3, Family.IPV4, config.virtualRouterId(), 100, Optional.empty(), List.of(vip), List.of(),
                        false, false, false, false),
                new ReceiveLedger(config.name(), machine.counters(), 1_000_000_000L),
                new AdvertEncoder(new AdvertSpec(3, Family.IPV4, config.virtualRouterId(), 100, List.of(vip), false), Optional.empty()),
                (ByteBuffer payload, byte[] destination, byte[] from) -> IoStatus.DONE, source,
                InetAddress.getByName("224.0.0.18").getAddress(), new byte[0][]);
    }
}
