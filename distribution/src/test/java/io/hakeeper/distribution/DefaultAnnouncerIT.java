package io.hakeeper.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.hakeeper.engine.lab.Capture;
import io.hakeeper.engine.lab.LabNode;

/**
 * The default announcer, {@code packet}, sends on an AF_PACKET socket of its own: a daemon that uses it
 * announces its takeover without ever loading pcap4j's classes or libpcap (and the libraries libpcap
 * links), and a reload that replaces the daemon unloads the plugins it replaced, where pcap4j's bindings
 * (and, until it called libc through JNA Functions, the netlink backend's) kept every replaced set of
 * plugin class loaders alive, about 1 MiB each.
 */
class DefaultAnnouncerIT {

    private static final Duration SETTLE = Duration.ofSeconds(10);
    private static final String VIP = ElectionIT.VIP;

    @Test
    void aMasterWithTheDefaultAnnouncerSendsItsGarpsWithoutPcap4jOrLibpcap() {
        try (Segment segment = Segment.create("DefaultAnnouncerIT-garp", 1)) {
            LabNode node = segment.node(1);
            Capture capture = segment.lab().captureSwitch(Segment.VRRP_ARP_ND);
            Hakeeperd daemon = segment.startWithJavaOptions(node, "-Xlog:class+load=info:stderr",
                    ElectionIT.instance(200));
            daemon.awaitState("VI_1", "MASTER", SETTLE);
            segment.awaitVipOn(node, VIP, SETTLE);
            FirstTakeoverIT.awaitGarp(capture, node);
            capture.stop();

            List<String> pcap4j = daemon.log().lines().filter(line -> line.contains("[class,load] org.pcap4j."))
                    .limit(3).toList();
            assertEquals(List.of(), pcap4j, "pcap4j classes loaded by a daemon with the default announcer");
            assertTrue(daemon.log().contains("[class,load] io.hakeeper.plugin.garp.PacketSockets "),
                    "the packet announcer was never loaded: " + daemon.log());
            List<String> libpcap = SharedJnaIT.mappedFiles(SharedJnaIT.javaPid(daemon)).stream()
                    .filter(file -> file.contains("libpcap")).toList();
            assertEquals(List.of(), libpcap, "libpcap mapped by a daemon with the default announcer");
        }
    }

    /**
     * Reloads that each replace the daemon (a global_defs change) leave the number of plugin class loaders
     * where one such reload left it. One reload, not none, is the baseline: the set of loaders the daemon
     * started with stays loaded after the first replacement (something of the JVM's first plugin calls
     * holds it; it never grows), every later set goes.
     */
    @Test
    void reloadsThatReplaceTheDaemonLeaveNoPluginClassLoadersBehind() throws Exception {
        try (Segment segment = Segment.create("DefaultAnnouncerIT-reload", 1)) {
            LabNode node = segment.node(1);
            Path socket = Path.of("/tmp/hk-announcer-" + node.namespace() + ".sock");
            Path file = segment.lab().workDir().resolve("hakeeper.toml");
            Files.writeString(file, config(node, 0));
            Hakeeperd daemon = segment.start(node, file, "--control-socket", socket.toString());
            daemon.awaitState("VI_1", "MASTER", SETTLE);
            segment.awaitVipOnlyOn(node, VIP, SETTLE);
            ControlIT.Admin admin = new ControlIT.Admin(segment.tree(), socket);
            long pid = SharedJnaIT.javaPid(daemon);

            replaceTheDaemon(admin, file, node, 1, daemon);
            int afterOne = pluginClassLoaders(pid);
            for (int reload = 2; reload <= 4; reload++) {
                replaceTheDaemon(admin, file, node, reload, daemon);
            }
            int afterFour = pluginClassLoaders(pid);

            assertEquals(afterOne, afterFour,
                    "plugin class loaders after 1 and after 4 reloads that replace the daemon");
        }
    }

    private static void replaceTheDaemon(ControlIT.Admin admin, Path file, LabNode node, int reload, Hakeeperd daemon)
            throws IOException {
        Files.writeString(file, config(node, reload));
        Map<String, Object> result = ControlIT.map(admin.json("reload").get("result"));
        assertEquals("restart", result.get("mode"), result::toString);
        daemon.awaitState("VI_1", "MASTER", SETTLE);
        // the replaced daemon's plugins are stopped and unloaded once its threads have ended
        Hakeeperd.sleep(1_000);
    }

    /** A router_id of its own per reload: a change of global_defs, which replaces the whole daemon. */
    private static String config(LabNode node, int reload) {
        return """
                [global_defs]
                router_id = "%s-%d"
                vrrp_garp_master_delay = 0

                %s""".formatted(node.name(), reload, ElectionIT.instance(200));
    }

    /** Loaders of plugin jars still loaded once two full collections have unloaded what they could. */
    private static int pluginClassLoaders(long pid) throws Exception {
        Path jcmd = Path.of(ProcessHandle.of(pid).orElseThrow().info().command().orElseThrow())
                .resolveSibling("jcmd");
        for (int i = 0; i < 2; i++) {
            Command.Result gc = Command.of(jcmd, pid, "GC.run").run();
            assertEquals(0, gc.exitCode(), gc::toString);
        }
        Command.Result stats = Command.of(jcmd, pid, "VM.classloader_stats").run();
        assertEquals(0, stats.exitCode(), stats::toString);
        int loaders = (int) stats.stdout().lines().filter(line -> line.endsWith("PluginJarClassLoader")).count();
        assertTrue(loaders > 0, "no plugin class loader in\n" + stats.stdout());
        return loaders;
    }
}
