package io.hakeeper.engine.config;

import static io.hakeeper.engine.config.GlobalDefsSchema.*;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;

import io.hakeeper.api.AnnouncerFactory;
import io.hakeeper.api.TypeFactory;
import io.hakeeper.api.VipBackendFactory;
import io.hakeeper.engine.config.model.GarpTiming;
import io.hakeeper.engine.config.TomlSettings.Element;
import io.hakeeper.engine.config.model.GlobalDefs;
import io.hakeeper.engine.config.model.ProcessPriorities;
import io.hakeeper.engine.config.model.RunAs;

/** Reads {@code [global_defs]} into {@link GlobalDefs}. */
final class GlobalDefsReader {

    private static final int DEFAULT_SMTP_PORT = 25;

    private GlobalDefsReader() {
    }

    static GlobalDefs read(SectionReader in, PluginTypes plugins) {
        KeyCheck.check(in.settings(), SECTION, in.log());
        int masterRepeat = in.integer(GARP_MASTER_REPEAT);
        Duration masterDelay = Duration.ofSeconds(in.integer(GARP_MASTER_DELAY));
        GarpTiming garp = new GarpTiming(masterDelay, masterRepeat,
                in.optionalInteger(GARP_LOWER_PRIO_DELAY).map(Duration::ofSeconds).orElse(masterDelay),
                in.optionalInteger(GARP_LOWER_PRIO_REPEAT).map(Long::intValue).orElse(masterRepeat),
                Duration.ofSeconds(in.integer(GARP_MASTER_REFRESH)), in.integer(GARP_MASTER_REFRESH_REPEAT));
        Optional<String> smtp = in.string(SMTP_SERVER);
        List<String> smtpWords = smtp.map(s -> List.of(s.trim().split("\\s+"))).orElse(List.of());
        int smtpPort = smtpPort(in, smtpWords);
        return new GlobalDefs(in.string(ROUTER_ID), garp, in.seconds(GARP_INTERVAL), in.seconds(GNA_INTERVAL),
                in.flag(STRICT), in.flag(SKIP_CHECK_ADV_ADDR), in.seconds(STARTUP_DELAY), in.integer(VERSION),
                in.string(NOTIFY_FIFO), in.strings(NOTIFICATION_EMAIL), in.string(NOTIFICATION_EMAIL_FROM),
                smtpWords.isEmpty() ? Optional.empty() : Optional.of(smtpWords.get(0)), smtpPort,
                Duration.ofSeconds(in.integer(SMTP_CONNECT_TIMEOUT)), runAs(in, SCRIPT_USER),
                in.flag(ENABLE_SCRIPT_SECURITY), in.flag(V3_CHECKSUM_AS_V2), in.string(PLUGIN_DIR),
                in.string(CONTROL_SOCKET).orElseThrow(), in.string(CONTROL_GROUP), in.string(ADMIN_GROUP),
                pluginType(in, plugins, VIP_BACKEND, VipBackendFactory.class),
                pluginType(in, plugins, ANNOUNCER, AnnouncerFactory.class), processPriorities(in));
    }

    private static ProcessPriorities processPriorities(SectionReader in) {
        return new ProcessPriorities(optionalInt(in.optionalInteger(RT_PRIORITY)), optionalLong(in.optionalInteger(
                RLIMIT_RTTIME)), optionalInt(in.optionalInteger(PROCESS_PRIORITY)), in.flag(NO_SWAP), cpus(in));
    }

    /** keepalived's CPU list: at least one CPU, each a number the kernel's CPU sets hold. */
    private static List<Integer> cpus(SectionReader in) {
        if (!in.has(CPU_AFFINITY)) {
            return List.of();
        }
        List<Element> elements = in.elements(CPU_AFFINITY);
        if (elements.isEmpty()) {
            in.error(CPU_AFFINITY, "expected at least one CPU number, got an empty list");
        }
        SortedSet<Integer> cpus = new TreeSet<>();
        for (Element element : elements) {
            if (element.value() instanceof Long cpu && cpu >= CPU_AFFINITY.min() && cpu <= CPU_AFFINITY.max()) {
                cpus.add(cpu.intValue());
            } else {
                in.log().error(element.position(), element.path(), "expected a CPU number from "
                        + (long) CPU_AFFINITY.min() + " to " + (long) CPU_AFFINITY.max() + ", got "
                        + TomlSettings.describe(element.value()));
            }
        }
        return List.copyOf(cpus);
    }

    private static OptionalInt optionalInt(Optional<Long> value) {
        return value.map(v -> OptionalInt.of(v.intValue())).orElse(OptionalInt.empty());
    }

    private static OptionalLong optionalLong(Optional<Long> value) {
        return value.map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    /** "USER [GROUP]" or "USER:GROUP", as keepalived's script_user and a vrrp_script's user. */
    static Optional<RunAs> runAs(SectionReader in, KeySpec key) {
        return in.string(key).flatMap(text -> {
            String[] words = text.trim().split("[\\s:]+");
            if (words.length == 0 || words[0].isEmpty() || words.length > 2) {
                in.error(key, "expected \"USER\" or \"USER GROUP\", got \"" + text + "\"");
                return Optional.empty();
            }
            return Optional.of(new RunAs(words[0], words.length == 2 ? Optional.of(words[1]) : Optional.empty()));
        });
    }

    private static int smtpPort(SectionReader in, List<String> words) {
        if (words.size() > 2) {
            in.error(SMTP_SERVER, "expected \"HOST\" or \"HOST PORT\", got \"" + String.join(" ", words) + "\"");
        } else if (words.size() == 2) {
            try {
                int port = Integer.parseInt(words.get(1));
                if (port >= 1 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            in.error(SMTP_SERVER, "expected a port from 1 to 65535 after the host, got \"" + words.get(1) + "\"");
        }
        return DEFAULT_SMTP_PORT;
    }

    /**
     * vip_backend and announcer name a plugin type. Written explicitly, a type no plugin provides is an
     * error; left at the default, only a warning, so that a check passes before those plugins are installed.
     */
    private static String pluginType(SectionReader in, PluginTypes plugins, KeySpec key,
                                     Class<? extends TypeFactory> point) {
        String type = in.string(key).orElseThrow();
        if (!plugins.provides(point, type)) {
            String message = plugins.missingMessage(point, type);
            if (in.has(key)) {
                in.error(key, message);
            } else {
                in.log().warning(in.settings().position(), in.settings().pathOf(key.name()),
                        message + " (it is the default; install its plugin before running the daemon)");
            }
        }
        return type;
    }
}
