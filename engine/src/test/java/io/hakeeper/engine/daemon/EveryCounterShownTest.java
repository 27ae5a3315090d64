package io.hakeeper.engine.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.hakeeper.engine.control.Json;
import io.hakeeper.engine.vrrp.VridDemultiplexer;
import io.hakeeper.engine.vrrp.VrrpCounter;

/**
 * Every counter the daemon keeps is shown by {@code ha-admin stats}: the engine's sources are read for fields
 * that are counted up ({@code x++}, {@code x += n}, {@code incrementAndGet}, ...), and each one must be
 * listed here either with the stats key that shows it, or as not a counter (a cursor, a size) with the
 * reason. A new counter fails this test until it is shown, and each key listed must be in the stats example
 * of docs/control-protocol.md, which ControlIT compares key by key with a live daemon.
 */
class EveryCounterShownTest {

    private static final Path SOURCES = Path.of("src/main/java/io/hakeeper/engine");
    private static final Path PROTOCOL = Path.of("../docs/control-protocol.md");
    private static final List<String> PACKAGES = List.of("runtime", "daemon", "loop", "net", "notify", "track",
            "plugin", "vrrp", "control", "realtime");

    /** Counter field ({@code Class.field}) to the stats key that shows it ({@code section.key}). */
    private static final Map<String, String> SHOWN = Map.ofEntries(
            Map.entry("VrrpCounters.counts", "instances.counters.*, sockets.counters.*"),
            Map.entry("InstanceRuntime.sendFailures", "instances.counters.send_failures"),
            Map.entry("SocketReader.receiveErrors", "sockets.counters.receive_errors"),
            Map.entry("SocketReader.otherInterface", "sockets.counters.other_interface"),
            Map.entry("LatenessTracker.fired", "loop.timers_fired"),
            Map.entry("LatenessTracker.late", "loop.timers_late"),
            Map.entry("LoopCore.failures", "loop.task_failures"),
            Map.entry("EventLoop.readFailures", "loop.read_failures"),
            Map.entry("LinkWatch.notificationsLost", "loop.link_notifications_lost"),
            Map.entry("NonBlockingStderr.droppedWrites", "loop.log_lines_dropped"),
            Map.entry("MemoryWarmth.passes", "loop.memory_warm_ups"),
            Map.entry("MemoryWarmth.pagesRead", "loop.memory_warm_up_pages"),
            Map.entry("VipWork.failures", "vip_backend.failures"),
            Map.entry("AnnounceWork.failures", "announcer.failures"),
            Map.entry("VipWork.timeouts", "vip_backend.timeouts"),
            Map.entry("AnnounceWork.timeouts", "announcer.timeouts"),
            Map.entry("CheckSlot.runs", "checks.runs"),
            Map.entry("CheckSlot.failures", "checks.failures"),
            Map.entry("CheckSlot.timeouts", "checks.timeouts"),
            Map.entry("CheckSlot.errors", "checks.errors"),
            Map.entry("CheckSlot.overruns", "checks.overruns"),
            Map.entry("NotifierLane.delivered", "notifiers.delivered"),
            Map.entry("NotifierLane.failed", "notifiers.failed"),
            Map.entry("NotifierLane.timedOut", "notifiers.timed_out"),
            Map.entry("NotifierLane.dropped", "notifiers.dropped"));

    /** Fields counted up that are not counters, and why. */
    private static final Map<String, String> NOT_COUNTERS = Map.ofEntries(
            Map.entry("PeerTable.slots", "adverts per router heard, a column of the peer table: ha-admin peers shows it"),
            Map.entry("PeerTable.used", "slots of the peer table in use"),
            Map.entry("MemoryWarmth.batched", "pages queued for the pass's next read"),
            Map.entry("MemoryWarmth.readThisPass", "pages read by the pass under way; memory_warm_up_pages adds them"),
            Map.entry("LatenessTracker.unloggedLate", "late timers not yet said in the log; timers_late has them all"),
            Map.entry("RateLimitedLog.suppressed", "log lines held back, said with the next line of their kind"),
            Map.entry("TimerQueue.size", "timers armed"),
            Map.entry("TimerQueue.freeCount", "timer ids not in use"),
            Map.entry("ActionBuffer.size", "actions pending in the buffer"),
            Map.entry("ActionBuffer.movedCount", "machines whose deadline moved in the event being carried out"),
            Map.entry("Poller.count", "file descriptors watched"),
            Map.entry("Poller.waits", "which wait found a descriptor ready, to tell the last wait's from older ones"),
            Map.entry("LinkWatch.sequence", "netlink request sequence number"),
            Map.entry("CheckSlot.generation", "which run of the check is current"),
            Map.entry("Json.at", "the parser's position"),
            Map.entry("PluginLanes.abandoned", "workers stuck in a call past its timeout now; each such call is in timeouts"),
            Map.entry("PluginLanes.liveWorkers", "worker threads alive now"),
            Map.entry("PluginLanes.threadsMade", "the number in the next worker thread's name"));

    private static final Pattern FIELD = Pattern.compile("^\\s*(?:(?:private|protected|public|static|volatile|final)"
            + "\\s+)+(?:long|int|long\\[]|int\\[]|AtomicLong|AtomicInteger|LongAdder)\\s+(\\w+)\\s*(?:=[^;]*)?;",
            Pattern.MULTILINE);

    @Test
    void everyFieldCountedUpIsShownInStatsOrSaidNotToBeACounter() throws IOException {
        Map<String, String> counted = countedFields();
        TreeSet<String> unlisted = new TreeSet<>(counted.keySet());
        unlisted.removeAll(SHOWN.keySet());
        unlisted.removeAll(NOT_COUNTERS.keySet());
        assertEquals(new TreeSet<>(), unlisted, "counted up but neither shown in ha-admin stats nor said not to be a"
                + " counter (add it to DaemonStats and docs/control-protocol.md, then to SHOWN): " + counted);
        TreeSet<String> stale = new TreeSet<>(SHOWN.keySet());
        stale.addAll(NOT_COUNTERS.keySet());
        stale.removeAll(counted.keySet());
        assertEquals(new TreeSet<>(), stale, "listed here but no longer counted up in the sources");
    }

    @Test
    void everyKeyThatShowsACounterIsInTheDocumentedStatsAnswer() throws IOException {
        String page = Files.readString(PROTOCOL);
        String stats = page.substring(page.indexOf("### stats"), page.indexOf("### ", page.indexOf("### stats") + 4));
        Map<String, Object> result = documentedStats(stats);
        List<Map<String, Object>> inline = inlineObjects(stats);
        List<String> missing = new ArrayList<>();
        for (String keys : SHOWN.values()) {
            for (String key : keys.split(", ")) {
                String[] path = key.split("\\.");
                Map<String, Object> section = element(result.get(path[0]), path[0], inline, path[1]);
                if (path.length == 3) {
                    section = element(section.get(path[1]), key, inline, path[2]);
                }
                String leaf = path[path.length - 1];
                if (leaf.equals("*")) {
                    List<String> names = path[0].equals("sockets")
                            ? VridDemultiplexer.COUNTED.stream().map(VrrpCounter::keepalivedName).toList()
                            : Stream.of(VrrpCounter.values()).map(VrrpCounter::keepalivedName).toList();
                    for (String name : names) {
                        if (!section.containsKey(name)) {
                            missing.add(path[0] + "." + path[1] + "." + name);
                        }
                    }
                } else if (!section.containsKey(leaf)) {
                    missing.add(key);
                }
            }
        }
        assertEquals(List.of(), missing, "keys not in the stats example of " + PROTOCOL);
    }

    /** {@code Class.field} of every field counted up, with the statement that counts it. */
    private static Map<String, String> countedFields() throws IOException {
        Map<String, String> counted = new TreeMap<>();
        for (String pkg : PACKAGES) {
            List<Path> files;
            try (Stream<Path> list = Files.list(SOURCES.resolve(pkg))) {
                files = list.filter(f -> f.toString().endsWith(".java")).sorted().toList();
            }
            for (Path file : files) {
                String source = Files.readString(file);
                String type = file.getFileName().toString().replace(".java", "");
                Matcher field = FIELD.matcher(source);
                while (field.find()) {
                    String name = Pattern.quote(field.group(1));
                    Matcher counting = Pattern.compile("\\b" + name + "\\s*(\\[[^\\]]*])?\\s*\\+\\+|\\+\\+\\s*(this\\.)?"
                            + name + "\\b|\\b" + name + "\\s*\\+=|\\b" + name
                            + "\\.(incrementAndGet|getAndIncrement|increment|add|addAndGet|getAndAdd)\\(").matcher(source);
                    if (counting.find()) {
                        counted.put(type + "." + field.group(1), counting.group());
                    }
                }
            }
        }
        assertTrue(counted.size() > 10, "the source scan found almost nothing; did the sources move? " + counted);
        return counted;
    }

    /** The answer of the stats example. */
    private static Map<String, Object> documentedStats(String section) {
        Matcher answer = Pattern.compile("^< (.*)$", Pattern.MULTILINE).matcher(section);
        assertTrue(answer.find(), "no stats example in " + PROTOCOL);
        return cast(Json.parseObject(answer.group(1)).get("result"));
    }

    /** The objects the stats section shows in its prose, for sections the example leaves empty. */
    private static List<Map<String, Object>> inlineObjects(String section) {
        List<Map<String, Object>> objects = new ArrayList<>();
        Matcher code = Pattern.compile("`(\\{[^`]*})`").matcher(section.replace('\n', ' '));
        while (code.find()) {
            objects.add(Json.parseObject(code.group(1)));
        }
        return objects;
    }

    /**
     * An object, or the first element of an array of objects; for an empty array, the object of the prose
     * that has {@code key}.
     */
    private static Map<String, Object> element(Object value, String what, List<Map<String, Object>> inline,
                                               String key) {
        if (value instanceof List<?> list && list.isEmpty()) {
            return inline.stream().filter(o -> o.containsKey(key)).findFirst().orElse(Map.of());
        }
        if (value == null) {
            return Map.of(); // the section is missing: every key of it is reported
        }
        Object first = value instanceof List<?> list ? list.get(0) : value;
        assertTrue(first instanceof Map, what + " is not an object in the stats example: " + value);
        return cast(first);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object value) {
        return (Map<String, Object>) value;
    }
}
