package io.hakeeper.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

import io.hakeeper.api.VirtualAddress;
import io.hakeeper.api.VirtualRoute;
import io.hakeeper.engine.config.model.Family;
import io.hakeeper.engine.config.model.GarpTiming;
import io.hakeeper.engine.config.model.GlobalDefs;
import io.hakeeper.engine.config.model.HakeeperConfig;
import io.hakeeper.engine.config.model.InitialState;
import io.hakeeper.engine.config.model.NotifyCommands;
import io.hakeeper.engine.config.model.ParamMatch;
import io.hakeeper.engine.config.model.ProcessPriorities;
import io.hakeeper.engine.config.model.RunAs;
import io.hakeeper.engine.config.model.SyncGroup;
import io.hakeeper.engine.config.model.TrackFile;
import io.hakeeper.engine.config.model.TrackKind;
import io.hakeeper.engine.config.model.TrackProcess;
import io.hakeeper.engine.config.model.Tracked;
import io.hakeeper.engine.config.model.VrrpInstance;
import io.hakeeper.engine.config.model.VrrpScript;

/** A file that writes every accepted key (but use_vmac) once, and where each value lands in the model. */
class EveryKeyLoadsIntoModelTest {

    static final String EVERY_KEY = """
            [global_defs]
            router_id = "lb1"
            vrrp_garp_master_delay = 10
            vrrp_garp_master_repeat = 3
            vrrp_garp_lower_prio_delay = 7
            vrrp_garp_lower_prio_repeat = 2
            vrrp_garp_master_refresh = 60
            vrrp_garp_master_refresh_repeat = 4
            vrrp_garp_interval = 0.001
            vrrp_gna_interval = 0
            vrrp_strict = false
            vrrp_skip_check_adv_addr = true
            vrrp_startup_delay = 5.5
            vrrp_version = 3
            vrrp_notify_fifo = "/run/hakeeper/notify.fifo"
            notification_email = ["ops@example.com", "noc@example.com"]
            notification_email_from = "lb1@example.com"
            smtp_server = "192.168.200.1 2525"
            smtp_connect_timeout = 20
            script_user = "nobody nogroup"
            enable_script_security = true
            v3_checksum_as_v2 = true
            vrrp_rt_priority = 50
            vrrp_rlimit_rttime = 20000
            vrrp_priority = -5
            vrrp_no_swap = true
            vrrp_cpu_affinity = [1, 0, 1]
            plugin_dir = "/opt/hakeeper/plugins"
            control_socket = "/run/hk.sock"
            control_group = "hkread"
            admin_group = "hkadmin"
            vip_backend = "iproute2"
            announcer = "pcap4j"

            [vrrp_script.chk_web]
            script = "/usr/bin/curl -sf 'http://127.0.0.1/health check'"
            interval = 2
            timeout = 1.5
            weight = -20
            rise = 3
            fall = 2
            user = "www-data"
            init_fail = true

            [vrrp_script.chk_db]
            type = "tcp"
            connect_ip = "127.0.0.1"
            connect_port = 3306

            [vrrp_track_file.maintenance]
            file = "/run/hakeeper/maintenance"
            weight = -10
            init_file = 0

            [vrrp_track_process.haproxy]
            process = "haproxy -f /etc/haproxy/haproxy.cfg"
            param_match = "initial"
            weight = 5
            quorum = 2
            quorum_max = 4
            delay = 0.5

            [vrrp_instance.VI_1]
            state = "MASTER"
            interface = "eth1"
            dont_track_primary = true
            track_interface = ["eth2", { name = "eth3", weight = -10, reverse = true }]
            track_script = ["chk_web", { name = "chk_db", weight = 15, reverse = true }]
            track_file = [{ name = "maintenance", weight = 3, reverse = true }]
            track_process = [{ name = "haproxy", weight = -7, reverse = false }]
            mcast_src_ip = "192.168.200.2"
            unicast_src_ip = "192.168.200.2"
            unicast_peer = ["192.168.200.3", "192.168.200.4"]
            check_unicast_src = true
            version = 2
            virtual_router_id = 51
            priority = 150
            advert_int = 2
            authentication = { auth_type = "PASS", auth_pass = "s3cret" }
            virtual_ipaddress = ["192.168.200.17/24 dev eth1 brd 192.168.200.255 scope global label eth1:1", "192.168.200.18"]
            virtual_ipaddress_excluded = ["2001:db8::17/64 dev eth1"]
            virtual_routes = ["10.1.0.0/16 via 192.168.200.1 dev eth1 metric 10"]
            nopreempt = true
            preempt_delay = 30
            garp_master_delay = 1
            garp_master_repeat = 2
            garp_master_refresh = 120
            garp_master_refresh_repeat = 3
            garp_lower_prio_delay = 4
            garp_lower_prio_repeat = 5
            notify_master = "/etc/hakeeper/notify.sh master"
            notify_backup = "/etc/hakeeper/notify.sh backup"
            notify_fault = "/etc/hakeeper/notify.sh \\"in fault\\""
            notify_stop = "/etc/hakeeper/notify.sh stop"
            notify = "/etc/hakeeper/notify.sh"
            smtp_alert = true

            [vrrp_instance.VI_6]
            interface = "eth1"
            virtual_router_id = 51
            advert_int = 0.25
            virtual_ipaddress = ["fe80::51", "2001:db8::51/64"]

            [vrrp_sync_group.G1]
            group = ["VI_1", "VI_6"]
            track_interface = ["eth4"]
            track_script = ["chk_web"]
            track_file = ["maintenance"]
            track_process = ["haproxy"]
            notify_master = "/etc/hakeeper/group.sh master"
            notify_backup = "/etc/hakeeper/group.sh backup"
            notify_fault = "/etc/hakeeper/group.sh fault"
            notify_stop = "/etc/hakeeper/group.sh stop"
            notify = "/etc/hakeeper/group.sh"
            smtp_alert = true
            """;

    private final HakeeperConfig config = load();

    private static HakeeperConfig load() {
        ValidationReport report = Configs.validate(EVERY_KEY);
        assertEquals(List.of(), Configs.messages(report));
        return report.config().orElseThrow();
    }

    @Test
    void theFileWritesEveryAcceptedKeyButUseVmac() {
        Set<String> written = new TreeSet<>();
        TomlParseResult toml = Toml.parse(EVERY_KEY);
        for (String section : toml.keySet()) {
            TomlTable sectionTable = toml.getTable(List.of(section));
            if (section.equals("global_defs")) {
                sectionTable.keySet().forEach(key -> written.add(section + "." + key));
                continue;
            }
            for (String name : sectionTable.keySet()) {
                TomlTable table = sectionTable.getTable(List.of(name));
                for (String key : table.keySet()) {
                    written.add(section + "." + key);
                    Object value = table.get(List.of(key));
                    if (value instanceof TomlTable nested) {
                        nested.keySet().forEach(k -> written.add(section + "." + key + "." + k));
                    } else if (value instanceof TomlArray array) {
                        for (int i = 0; i < array.size(); i++) {
                            if (array.get(i) instanceof TomlTable entry) {
                                entry.keySet().forEach(k -> written.add(section + "." + key + "." + k));
                            }
                        }
                    }
                }
            }
        }
        written.removeIf(key -> key.startsWith("vrrp_script.connect_"));
        Set<String> accepted = new TreeSet<>(ConfigSchema.acceptedKeys());
        accepted.remove("vrrp_instance.use_vmac");
        assertEquals(accepted, written);
    }

    @Test
    void aWholeNumberWrittenAsDecimalIsNotAnInteger() {
        assertEquals(List.of("test.toml:5:1: vrrp_instance.VI_1.priority: expected an integer from 1 to 255, got"
                + " 100.0"), Configs.messages(Configs.validate(Configs.INSTANCE + "priority = 100.0\n")));
    }

    @Test
    void globalDefsLandInTheModel() throws Exception {
        GlobalDefs g = config.globalDefs();
        assertEquals(Optional.of("lb1"), g.routerId());
        assertEquals(new GarpTiming(Duration.ofSeconds(10), 3, Duration.ofSeconds(7), 2, Duration.ofSeconds(60), 4),
                g.garp());
        assertEquals(Duration.ofMillis(1), g.garpInterval());
        assertEquals(Duration.ZERO, g.gnaInterval());
        assertFalse(g.vrrpStrict());
        assertTrue(g.skipCheckAdvAddr());
        assertEquals(Duration.ofMillis(5500), g.startupDelay());
        assertEquals(3, g.vrrpVersion());
        assertEquals(Optional.of("/run/hakeeper/notify.fifo"), g.notifyFifo());
        assertEquals(List.of("ops@example.com", "noc@example.com"), g.notificationEmail());
        assertEquals(Optional.of("lb1@example.com"), g.notificationEmailFrom());
        assertEquals(Optional.of("192.168.200.1"), g.smtpServer());
        assertEquals(2525, g.smtpPort());
        assertEquals(Duration.ofSeconds(20), g.smtpConnectTimeout());
        assertEquals(Optional.of(new RunAs("nobody", Optional.of("nogroup"))), g.scriptUser());
        assertTrue(g.enableScriptSecurity());
        assertTrue(g.v3ChecksumAsV2());
        assertEquals(Optional.of("/opt/hakeeper/plugins"), g.pluginDir());
        assertEquals("/run/hk.sock", g.controlSocket());
        assertEquals(Optional.of("hkread"), g.controlGroup());
        assertEquals(Optional.of("hkadmin"), g.adminGroup());
        assertEquals("iproute2", g.vipBackend());
        assertEquals("pcap4j", g.announcer());
        assertEquals(new ProcessPriorities(OptionalInt.of(50), OptionalLong.of(20000), OptionalInt.of(-5), true,
                List.of(0, 1)), g.processPriorities());
    }

    @Test
    void checksAndTrackersLandInTheModel() {
        VrrpScript web = config.scripts().get("chk_web");
        assertEquals("script", web.type());
        assertEquals(Duration.ofSeconds(2), web.interval());
        assertEquals(Duration.ofMillis(1500), web.timeout());
        assertEquals(-20, web.weight());
        assertEquals(3, web.rise());
        assertEquals(2, web.fall());
        assertEquals(Optional.of(new RunAs("www-data", Optional.empty())), web.user());
        assertTrue(web.initFail());
        assertEquals("/usr/bin/curl -sf 'http://127.0.0.1/health check'", web.settings().string("script"));

        VrrpScript db = config.scripts().get("chk_db");
        assertEquals("tcp", db.type());
        assertEquals(3306, db.settings().integer("connect_port", 1, 65535));
        assertEquals(Duration.ofSeconds(1), db.timeout(), "timeout defaults to the interval");
        assertEquals(0, db.weight(), "a vrrp_script's weight defaults to 0");

        TrackFile file = config.trackFiles().get("maintenance");
        assertEquals(new TrackFile("maintenance", "/run/hakeeper/maintenance", -10, OptionalLong.of(0),
                file.settings()), file);
        assertEquals("vrrp_track_file.maintenance", file.settings().path());
        TrackProcess process = config.trackProcesses().get("haproxy");
        assertEquals(new TrackProcess("haproxy", List.of("haproxy", "-f", "/etc/haproxy/haproxy.cfg"),
                ParamMatch.INITIAL, 5, 2, OptionalInt.of(4), Duration.ofMillis(500), process.settings()), process);
        assertEquals("haproxy -f /etc/haproxy/haproxy.cfg", process.settings().string("process"));
    }

    @Test
    void instanceKeysLandInTheModel() throws Exception {
        VrrpInstance vi = config.instances().get("VI_1");
        assertEquals(InitialState.MASTER, vi.state());
        assertEquals("eth1", vi.interfaceName());
        assertTrue(vi.dontTrackPrimary());
        assertEquals(List.of(new Tracked("eth2", 0, false), new Tracked("eth3", -10, true)),
                vi.tracked(TrackKind.INTERFACE));
        assertEquals(List.of(new Tracked("chk_web", -20, false), new Tracked("chk_db", 15, true)),
                vi.tracked(TrackKind.SCRIPT));
        assertEquals(List.of(new Tracked("maintenance", 3, true)), vi.tracked(TrackKind.FILE));
        assertEquals(List.of(new Tracked("haproxy", -7, false)), vi.tracked(TrackKind.PROCESS));
        assertEquals(Optional.of(InetAddress.getByName("192.168.200.2")), vi.mcastSrcIp());
        assertEquals(Optional.of(InetAddress.getByName("192.168.200.2")), vi.unicastSrcIp());
        assertEquals(List.of(InetAddress.getByName("192.168.200.3"), InetAddress.getByName("192.168.200.4")),
                vi.unicastPeers());
        assertTrue(vi.checkUnicastSrc());
        assertEquals(Family.IPV4, vi.family());
        assertEquals(2, vi.version());
        assertEquals(51, vi.virtualRouterId());
        assertEquals(150, vi.priority());
        assertEquals(Duration.ofSeconds(2), vi.advertInt());
        assertEquals("PASS", vi.authentication().orElseThrow().authType());
        assertEquals("s3cret", vi.authentication().orElseThrow().settings().string("auth_pass"));
        assertEquals(List.of(
                new VirtualAddress(InetAddress.getByName("192.168.200.17"), 24, Optional.of("eth1"),
                        Optional.of("192.168.200.255"), Optional.of("global"), Optional.of("eth1:1")),
                new VirtualAddress(InetAddress.getByName("192.168.200.18"), 32, Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty())), vi.virtualAddresses());
        assertEquals(List.of(new VirtualAddress(InetAddress.getByName("2001:db8::17"), 64, Optional.of("eth1"),
                Optional.empty(), Optional.empty(), Optional.empty())), vi.excludedAddresses());
        assertEquals(List.of(new VirtualRoute("10.1.0.0/16", List.of("via", "192.168.200.1", "dev", "eth1",
                "metric", "10"))), vi.virtualRoutes());
        assertTrue(vi.nopreempt());
        assertEquals(Duration.ofSeconds(30), vi.preemptDelay());
        assertEquals(new GarpTiming(Duration.ofSeconds(1), 2, Duration.ofSeconds(4), 5, Duration.ofSeconds(120), 3),
                vi.garp());
        assertEquals(new NotifyCommands(
                Optional.of(List.of("/etc/hakeeper/notify.sh", "master")),
                Optional.of(List.of("/etc/hakeeper/notify.sh", "backup")),
                Optional.of(List.of("/etc/hakeeper/notify.sh", "in fault")),
                Optional.of(List.of("/etc/hakeeper/notify.sh", "stop")),
                Optional.of(List.of("/etc/hakeeper/notify.sh")), true), vi.notifyCommands());
    }

    @Test
    void anIpv6InstanceIsVersion3WithCentisecondAdverts() {
        VrrpInstance vi = config.instances().get("VI_6");
        assertEquals(Family.IPV6, vi.family());
        assertEquals(3, vi.version());
        assertEquals(Duration.ofMillis(250), vi.advertInt());
        assertEquals(100, vi.priority());
        assertEquals(InitialState.BACKUP, vi.state());
        assertFalse(vi.nopreempt());
        assertEquals(config.globalDefs().garp(), vi.garp(), "an instance without garp keys uses the global ones");
    }

    @Test
    void syncGroupKeysLandInTheModel() {
        SyncGroup group = config.syncGroups().get("G1");
        assertEquals(List.of("VI_1", "VI_6"), group.members());
        assertEquals(List.of("eth4"), group.tracked().get(TrackKind.INTERFACE));
        assertEquals(List.of("chk_web"), group.tracked().get(TrackKind.SCRIPT));
        assertEquals(List.of("maintenance"), group.tracked().get(TrackKind.FILE));
        assertEquals(List.of("haproxy"), group.tracked().get(TrackKind.PROCESS));
        assertEquals(Optional.of(List.of("/etc/hakeeper/group.sh", "master")), group.notifyCommands().master());
        assertEquals(Optional.of(List.of("/etc/hakeeper/group.sh", "backup")), group.notifyCommands().backup());
        assertEquals(Optional.of(List.of("/etc/hakeeper/group.sh", "fault")), group.notifyCommands().fault());
        assertEquals(Optional.of(List.of("/etc/hakeeper/group.sh", "stop")), group.notifyCommands().stop());
        assertEquals(Optional.of(List.of("/etc/hakeeper/group.sh")), group.notifyCommands().any());
        assertTrue(group.notifyCommands().smtpAlert());
    }

    @Test
    void aTrackEntryWithoutWeightTakesTheTrackedTablesWeight() {
        HakeeperConfig inherited = Configs.validate(Configs.INSTANCE + """
                track_file = ["f"]
                track_process = [{ name = "p", reverse = true }]
                [vrrp_track_file.f]
                file = "/tmp/f"
                weight = -10
                [vrrp_track_process.p]
                process = "haproxy"
                weight = 5
                """).config().orElseThrow();
        VrrpInstance vi = inherited.instances().get("VI_1");
        assertEquals(List.of(new Tracked("f", -10, false)), vi.tracked(TrackKind.FILE));
        assertEquals(List.of(new Tracked("p", 5, true)), vi.tracked(TrackKind.PROCESS));
    }

    @Test
    void defaultsFollowCurrentKeepalived() {
        HakeeperConfig defaults = Configs.validate(Configs.INSTANCE + """
                [vrrp_track_file.f]
                file = "/tmp/f"
                [vrrp_script.s]
                script = "/bin/true"
                """).config().orElseThrow();
        GlobalDefs g = defaults.globalDefs();
        assertEquals(new GarpTiming(Duration.ofSeconds(5), 5, Duration.ofSeconds(5), 5, Duration.ZERO, 1), g.garp());
        assertEquals(Duration.ZERO, g.garpInterval());
        assertEquals(2, g.vrrpVersion());
        assertEquals("/run/hakeeper/control.sock", g.controlSocket());
        assertEquals(Optional.empty(), g.pluginDir());
        assertEquals("netlink", g.vipBackend());
        assertEquals("packet", g.announcer());
        assertEquals(25, g.smtpPort());
        assertEquals(Duration.ofSeconds(30), g.smtpConnectTimeout());
        assertEquals(ProcessPriorities.NONE, g.processPriorities());
        assertEquals(1, defaults.trackFiles().get("f").weight());
        VrrpScript s = defaults.scripts().get("s");
        assertEquals(0, s.weight());
        assertEquals(Duration.ofSeconds(1), s.interval());
        assertEquals(1, s.rise());
        assertEquals(1, s.fall());
        VrrpInstance vi = defaults.instances().get("VI_1");
        assertEquals(100, vi.priority());
        assertEquals(2, vi.version());
        assertEquals(Duration.ofSeconds(1), vi.advertInt());
    }
}
