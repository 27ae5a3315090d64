package io.hakeeper.engine.config;

import static io.hakeeper.engine.config.InstanceSchema.*;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.hakeeper.api.PluginContext;
import io.hakeeper.engine.config.model.Authentication;
import io.hakeeper.engine.config.model.Family;
import io.hakeeper.engine.config.model.GarpTiming;
import io.hakeeper.engine.config.model.GlobalDefs;
import io.hakeeper.engine.config.model.InitialState;
import io.hakeeper.engine.config.model.NotifyCommands;
import io.hakeeper.engine.config.model.TrackKind;
import io.hakeeper.engine.config.model.Tracked;
import io.hakeeper.engine.config.model.VrrpInstance;

/** Reads {@code [vrrp_instance.NAME]} and checks the rules that hold inside one instance. */
final class InstanceReader {

    /** The address owner's priority (RFC 5798): it always holds the VIPs and always preempts. */
    static final int OWNER_PRIORITY = 255;
    /** VRRPv3's advert interval field counts centiseconds in 12 bits: at most 40.95 s. */
    static final Duration MAX_V3_ADVERT = Duration.ofMillis(40_950);
    static final Duration MIN_V3_ADVERT = Duration.ofMillis(10);
    /** VRRPv2's advert interval field counts whole seconds in 8 bits. */
    static final Duration MAX_V2_ADVERT = Duration.ofSeconds(255);

    private InstanceReader() {
    }

    static VrrpInstance read(String name, SectionReader in, GlobalDefs globals, Definitions definitions,
                             PluginTypes plugins, PluginContext context) {
        KeyCheck.check(in.settings(), SECTION, in.log());
        String interfaceName = in.string(INTERFACE).orElse("");
        if (!interfaceName.isEmpty()) {
            definitions.checkInterface(interfaceName, in.settings().pathOf(INTERFACE.name()),
                    in.settings().position(INTERFACE.name()));
        }
        if (globals.vrrpStrict()) {
            StrictModeCheck.check(in);
        }
        InstanceAddresses addresses = InstanceAddresses.read(in);
        addresses.check(in.log());
        Family family = addresses.family();
        int version = version(in, family, globals);
        int priority = in.integer(PRIORITY);
        boolean nopreempt = in.flag(NOPREEMPT);
        if (nopreempt && priority == OWNER_PRIORITY) {
            in.error(NOPREEMPT, "expected no nopreempt with priority " + OWNER_PRIORITY
                    + " (the address owner always preempts)");
        }
        Map<TrackKind, List<Tracked>> tracked = new EnumMap<>(TrackKind.class);
        for (TrackKind kind : TrackKind.values()) {
            KeySpec key = SECTION.key(kind.key()).orElseThrow();
            tracked.put(kind, TrackedReader.read(kind, in, key, definitions));
        }
        Optional<Authentication> authentication = AuthenticationReader.read(in, version, family, plugins, context);
        return new VrrpInstance(name, initialState(in, authentication), interfaceName, in.flag(DONT_TRACK_PRIMARY), tracked, addresses.mcastSrc(), addresses.unicastSrc(),
                addresses.peers(), in.flag(CHECK_UNICAST_SRC), family, version, in.integer(VIRTUAL_ROUTER_ID),
                priority, advertInterval(in, version),
                authentication, addresses.vips(),
                InstanceAddresses.excluded(in), InstanceAddresses.routes(in), nopreempt, in.seconds(PREEMPT_DELAY),
                garp(in, globals.garp()), notifyCommands(in, definitions));
    }

    /**
     * {@code state}, except that MASTER is cleared with AH authentication, as keepalived clears it ("Initial
     * state master is incompatible with AH authentication"): both routers of an AH pair then start as
     * BACKUP and priority alone decides, nopreempt and preempt_delay included, on either implementation.
     */
    private static InitialState initialState(SectionReader in, Optional<Authentication> authentication) {
        InitialState state = in.choice(STATE, InitialState.class, true).orElse(InitialState.BACKUP);
        if (state == InitialState.MASTER && authentication.filter(a -> a.authType().equals("AH")).isPresent()) {
            in.warning(STATE, "state MASTER is ignored with AH authentication: the instance starts as BACKUP"
                    + " and priority decides, as keepalived does");
            return InitialState.BACKUP;
        }
        return state;
    }

    /** The instance's own version, else 3 for IPv6 (v2 has no IPv6), else global_defs.vrrp_version. */
    private static int version(SectionReader in, Family family, GlobalDefs globals) {
        Optional<Long> own = in.optionalInteger(VERSION);
        if (own.isPresent() && own.get() == 2 && family == Family.IPV6) {
            in.error(VERSION, "expected version 3 for an IPv6 instance (VRRPv2 is IPv4 only), got 2");
        }
        return own.map(Long::intValue).orElse(family == Family.IPV6 ? 3 : globals.vrrpVersion());
    }

    /** advert_int in the units the version's packet field can carry. */
    private static Duration advertInterval(SectionReader in, int version) {
        Duration interval = in.optionalSeconds(ADVERT_INT).orElse(Duration.ofSeconds(1));
        if (!in.has(ADVERT_INT)) {
            return interval;
        }
        String written = TomlSettings.describe(in.settings().raw(ADVERT_INT.name()).orElseThrow());
        if (version == 2) {
            boolean whole = interval.toNanos() % 1_000_000_000L == 0;
            if (!whole || interval.compareTo(Duration.ofSeconds(1)) < 0 || interval.compareTo(MAX_V2_ADVERT) > 0) {
                in.error(ADVERT_INT, "expected whole seconds from 1 to 255 for VRRP version 2, got " + written);
            }
        } else {
            boolean centis = interval.toNanos() % 10_000_000L == 0;
            if (!centis || interval.compareTo(MIN_V3_ADVERT) < 0 || interval.compareTo(MAX_V3_ADVERT) > 0) {
                in.error(ADVERT_INT, "expected seconds from 0.01 to 40.95 in steps of 0.01 for VRRP version 3, got "
                        + written);
            }
        }
        return interval;
    }

    private static GarpTiming garp(SectionReader in, GarpTiming global) {
        Duration masterDelay = in.optionalInteger(GARP_MASTER_DELAY).map(Duration::ofSeconds)
                .orElse(global.masterDelay());
        int masterRepeat = in.optionalInteger(GARP_MASTER_REPEAT).map(Long::intValue).orElse(global.masterRepeat());
        return new GarpTiming(masterDelay, masterRepeat,
                in.optionalInteger(GARP_LOWER_PRIO_DELAY).map(Duration::ofSeconds).orElse(global.lowerPrioDelay()),
                in.optionalInteger(GARP_LOWER_PRIO_REPEAT).map(Long::intValue).orElse(global.lowerPrioRepeat()),
                in.optionalInteger(GARP_MASTER_REFRESH).map(Duration::ofSeconds).orElse(global.masterRefresh()),
                in.optionalInteger(GARP_MASTER_REFRESH_REPEAT).map(Long::intValue)
                        .orElse(global.masterRefreshRepeat()));
    }

    /** The notify_* keys, shared with sync groups; a command whose program cannot run is left out. */
    static NotifyCommands notifyCommands(SectionReader in, Definitions definitions) {
        return new NotifyCommands(notify(in, NotifySchema.MASTER, definitions),
                notify(in, NotifySchema.BACKUP, definitions), notify(in, NotifySchema.FAULT, definitions),
                notify(in, NotifySchema.STOP, definitions), notify(in, NotifySchema.ANY, definitions),
                in.flag(NotifySchema.SMTP_ALERT));
    }

    private static Optional<List<String>> notify(SectionReader in, KeySpec key, Definitions definitions) {
        return in.command(key).filter(argv -> definitions.notifyProgramRuns(argv.get(0),
                in.settings().pathOf(key.name()), in.settings().position(key.name())));
    }
}
