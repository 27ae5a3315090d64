package io.hakeeper.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.hakeeper.engine.lab.Capture;
import io.hakeeper.engine.lab.LabNode;

/**
 * JNA is on the daemon's class path once (lib/), for garp-pcap4j (pcap4j, and the default announcer
 * {@code packet}'s calls into libc) and vip-iproute2's netlink backend, which take it from there rather
 * than carry it. When each jar carried its own copy, each
 * plugin's class loader loaded JNA's classes (about 55 of them in both) and extracted and mapped JNA's
 * native library a second time.
 */
class SharedJnaIT {

    private static final Duration SETTLE = Duration.ofSeconds(10);
    private static final String VIP = ElectionIT.VIP;
    /** {@code [0.123s][info][class,load] com.sun.jna.Native source: shared objects file} */
    private static final Pattern JNA_CLASS_LOAD = Pattern.compile("\\[class,load\\] (com\\.sun\\.jna\\.\\S+) source: (.*)");
    /** JNA extracts its native library to a temporary file of this name, one per class loader that loads JNA. */
    private static final Pattern JNA_NATIVE_LIBRARY = Pattern.compile("/\\S*/jna\\d+\\.tmp");

    @Test
    void theShippedPluginJarsCarryNoJnaAndLibHoldsOneVersionOfIt() throws IOException {
        Path tree = Tree.built();
        for (String plugin : List.of("garp-pcap4j", "vip-iproute2")) {
            Path jar = only(tree.resolve("plugins"), plugin + "-");
            try (JarFile file = new JarFile(jar.toFile())) {
                List<String> jna = file.stream().map(entry -> entry.getName())
                        .filter(name -> name.startsWith("com/sun/jna/")).limit(3).toList();
                assertEquals(List.of(), jna, jar + " carries JNA, which the daemon's lib/ provides");
            }
        }
        only(tree.resolve("lib"), "jna-");
    }

    @Test
    void aMasterUsingPcap4jAndNetlinkLoadsEachJnaClassAndItsNativeLibraryOnce() {
        try (Segment segment = Segment.create("SharedJnaIT", 1)) {
            LabNode node = segment.node(1);
            Capture capture = segment.lab().captureSwitch(Segment.VRRP_ARP_ND);
            // pcap4j named: the default announcer (packet) uses JNA too, but far less of it than pcap4j
            Hakeeperd daemon = segment.startWithJavaOptions(node, "-Xlog:class+load=info:stderr",
                    "announcer = \"pcap4j\"", ElectionIT.instance(200));
            daemon.awaitState("VI_1", "MASTER", SETTLE);
            // the netlink backend (JNA through vip-iproute2) added the VIP, pcap4j (JNA through garp-pcap4j)
            // announced it
            segment.awaitVipOn(node, VIP, SETTLE);
            FirstTakeoverIT.awaitGarp(capture, node);
            capture.stop();

            Map<String, List<String>> sources = new TreeMap<>();
            daemon.log().lines().map(JNA_CLASS_LOAD::matcher).filter(Matcher::find).forEach(load ->
                    sources.computeIfAbsent(load.group(1), name -> new ArrayList<>()).add(load.group(2)));
            assertTrue(sources.containsKey("com.sun.jna.Native"), "JNA was never loaded: " + daemon.log());
            List<String> twice = sources.entrySet().stream().filter(loads -> loads.getValue().size() > 1)
                    .map(loads -> loads.getKey() + " from " + loads.getValue()).toList();
            assertEquals(List.of(), twice.stream().limit(3).toList(), twice.size()
                    + " JNA classes loaded more than once (by more than one class loader), the first three shown");
            List<String> fromPlugins = sources.values().stream().flatMap(List::stream)
                    .filter(source -> source.contains("/plugins/")).distinct().toList();
            assertEquals(List.of(), fromPlugins, "JNA classes loaded from a plugin jar");

            assertEquals(1, jnaNativeLibraries(javaPid(daemon)).size(), "copies of JNA's native library mapped");
        }
    }

    /** The one file in {@code dir} whose name starts with {@code prefix} and ends with .jar. */
    private static Path only(Path dir, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(file -> file.getFileName().toString().startsWith(prefix)
                    && file.getFileName().toString().endsWith(".jar")).toList();
            assertEquals(1, found.size(), "jars named " + prefix + "* in " + dir + ": " + found);
            return found.get(0);
        }
    }

    /** The daemon's JVM: bin/hakeeperd execs it, possibly below the lab's own launcher processes. */
    static long javaPid(Hakeeperd daemon) {
        ProcessHandle started = daemon.process().process().toHandle();
        return Stream.concat(Stream.of(started), started.descendants())
                .filter(process -> process.info().command().map(command -> command.endsWith("/java")).orElse(false))
                .findFirst().orElseThrow(() -> new AssertionError("no java process under " + started.pid()))
                .pid();
    }

    private static Set<String> jnaNativeLibraries(long pid) {
        Set<String> libraries = mappedFiles(pid).stream().filter(file -> JNA_NATIVE_LIBRARY.matcher(file).matches())
                .collect(Collectors.toSet());
        assertFalse(libraries.isEmpty(), "no JNA native library mapped in process " + pid);
        return libraries;
    }

    /** The files mapped into process {@code pid}, each once (/proc/PID/maps). */
    static List<String> mappedFiles(long pid) {
        try (Stream<String> maps = Files.lines(Path.of("/proc", Long.toString(pid), "maps"))) {
            return maps.map(line -> line.split("\\s+")).filter(fields -> fields.length >= 6)
                    .map(fields -> fields[5]).distinct().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
