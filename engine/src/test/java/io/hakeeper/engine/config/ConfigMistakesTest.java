package io.hakeeper.engine.config;

import static io.hakeeper.engine.config.Configs.INSTANCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.hakeeper.engine.config.model.InitialState;
import io.hakeeper.engine.plugin.TypeRegistry;

/**
 * Each kind of mistake an operator can make, and the exact line they are shown: file:line:col, key path,
 * what was expected and what was found. {@link Configs#INSTANCE} takes lines 1 to 4, so keys appended to it
 * start on line 5.
 */
class ConfigMistakesTest {

    private static void assertProblems(String toml, String... expected) {
        assertProblems(toml, FakePlugins.all(), expected);
    }

    private static void assertProblems(String toml, TypeRegistry registry, String... expected) {
        ValidationReport report = Configs.validate(toml, registry);
        assertEquals(List.of(expected), Configs.messages(report));
    }

    @Test
    void unknownKeyInAnInstanceSuggestsTheClosestKey() {
        assertProblems(INSTANCE + "prority = 100\n",
                "test.toml:5:1: vrrp_instance.VI_1.prority: unknown key \"prority\"; did you mean \"priority\"?");
    }

    @Test
    void unknownKeysAreFoundAtEveryLevel() {
        assertProblems("""
                [global_def]
                [global_defs]
                routerid = "x"
                [vrrp_instance.VI_1]
                interface = "eth1"
                virtual_router_id = 51
                authentication = { auth_type = "PASS", auth_pas = "1234" }
                track_interface = [{ name = "eth2", wieght = 3 }]
                bogus_thing = 1
                """,
                "test.toml:1:1: global_def: unknown section [global_def]; did you mean \"global_defs\"?",
                "test.toml:3:1: global_defs.routerid: unknown key \"routerid\"; did you mean \"router_id\"?",
                "test.toml:7:1: vrrp_instance.VI_1.authentication.auth_pass: missing required key \"auth_pass\"",
                "test.toml:7:40: vrrp_instance.VI_1.authentication.auth_pas: unknown key \"auth_pas\"; did you mean"
                        + " \"auth_pass\"?",
                "test.toml:8:37: vrrp_instance.VI_1.track_interface[0].wieght: unknown key \"wieght\"; did you mean"
                        + " \"weight\"?",
                "test.toml:9:1: vrrp_instance.VI_1.bogus_thing: unknown key \"bogus_thing\"");
    }

    @Test
    void aValueOfTheWrongTypeIsRefused() {
        assertProblems(INSTANCE + "priority = \"high\"\nnopreempt = \"yes\"\n",
                "test.toml:5:1: vrrp_instance.VI_1.priority: expected an integer from 1 to 255, got \"high\"",
                "test.toml:6:1: vrrp_instance.VI_1.nopreempt: expected true or false, got \"yes\"");
    }

    @Test
    void virtualRouterIdIsFrom1To255() {
        assertProblems(INSTANCE.replace("virtual_router_id = 51", "virtual_router_id = 256"),
                "test.toml:3:1: vrrp_instance.VI_1.virtual_router_id: expected an integer from 1 to 255, got 256");
    }

    @Test
    void priorityIsFrom1To255() {
        assertProblems(INSTANCE + "priority = 300\n",
                "test.toml:5:1: vrrp_instance.VI_1.priority: expected an integer from 1 to 255, got 300");
        assertProblems(INSTANCE + "priority = 0\n",
                "test.toml:5:1: vrrp_instance.VI_1.priority: expected an integer from 1 to 255, got 0");
    }

    @Test
    void theAddressOwnerPriorityIsAllowedButNeverWithNopreempt() {
        assertProblems(INSTANCE + "priority = 255\n");
        assertProblems(INSTANCE + "priority = 255\nnopreempt = true\n",
                "test.toml:6:1: vrrp_instance.VI_1.nopreempt: expected no nopreempt with priority 255"
                        + " (the address owner always preempts)");
    }

    @Test
    void stateMasterIsClearedWithAhAsKeepalivedClearsIt() {
        TypeRegistry auth = FakePlugins.withAuthTypes(new FakePlugins.PassAuth(), new FakePlugins.AhAuth());
        String ah = "authentication = { auth_type = \"AH\", auth_pass = \"1234\" }\n";
        assertProblems(INSTANCE + "state = \"MASTER\"\n" + ah, auth,
                "test.toml:5:1: warning: vrrp_instance.VI_1.state: state MASTER is ignored with AH authentication:"
                        + " the instance starts as BACKUP and priority decides, as keepalived does");
        ValidationReport report = Configs.validate(INSTANCE + "state = \"MASTER\"\nnopreempt = true\n" + ah, auth);
        assertEquals(InitialState.BACKUP, report.config().orElseThrow().instances().get("VI_1").state());
        // with PASS, MASTER stays: keepalived clears it for AH alone
        report = Configs.validate(INSTANCE + "state = \"MASTER\"\n" + ah.replace("AH", "PASS"), auth);
        assertEquals(List.of(), Configs.messages(report));
        assertEquals(InitialState.MASTER, report.config().orElseThrow().instances().get("VI_1").state());
    }

    @Test
    void advertIntervalOfVersion2IsWholeSeconds() {
        assertProblems(INSTANCE + "advert_int = 1.5\n",
                "test.toml:5:1: vrrp_instance.VI_1.advert_int: expected whole seconds from 1 to 255 for VRRP"
                        + " version 2, got 1.5");
    }

    @Test
    void advertIntervalOfVersion3IsCentisecondsUpTo4095() {
        assertProblems(INSTANCE + "version = 3\nadvert_int = 41\n",
                "test.toml:6:1: vrrp_instance.VI_1.advert_int: expected seconds from 0.01 to 40.95 in steps of"
                        + " 0.01 for VRRP version 3, got 41");
        assertProblems(INSTANCE + "version = 3\nadvert_int = 0.015\n",
                "test.toml:6:1: vrrp_instance.VI_1.advert_int: expected seconds from 0.01 to 40.95 in steps of"
                        + " 0.01 for VRRP version 3, got 0.015");
        assertProblems(INSTANCE + "version = 3\nadvert_int = 0.05\n");
    }

    @Test
    void versionIs2Or3() {
        assertProblems(INSTANCE + "version = 4\n",
                "test.toml:5:1: vrrp_instance.VI_1.version: expected an integer from 2 to 3, got 4");
        assertProblems("[global_defs]\nvrrp_version = 1\n",
                "test.toml:2:1: global_defs.vrrp_version: expected an integer from 2 to 3, got 1");
    }

    @Test
    void scriptAndInterfaceWeightsAreWithin253() {
        assertProblems(INSTANCE + """
                track_interface = [{ name = "eth2", weight = 254 }]
                track_script = [{ name = "chk", weight = -254 }]
                [vrrp_script.chk]
                script = "/bin/true"
                weight = 254
                """,
                "test.toml:5:37: vrrp_instance.VI_1.track_interface[0].weight: expected an integer from -253 to"
                        + " 253, got 254",
                "test.toml:6:33: vrrp_instance.VI_1.track_script[0].weight: expected an integer from -253 to 253,"
                        + " got -254",
                "test.toml:9:1: vrrp_script.chk.weight: expected an integer from -253 to 253, got 254");
    }

    @Test
    void fileAndProcessWeightsAreWithin254() {
        assertProblems(INSTANCE + """
                track_file = [{ name = "f", weight = 254 }]
                track_process = [{ name = "p", weight = -255 }]
                [vrrp_track_file.f]
                file = "/tmp/f"
                weight = 255
                [vrrp_track_process.p]
                process = "haproxy"
                weight = -254
                """,
                "test.toml:6:32: vrrp_instance.VI_1.track_process[0].weight: expected an integer from -254 to"
                        + " 254, got -255",
                "test.toml:9:1: vrrp_track_file.f.weight: expected an integer from -254 to 254, got 255");
    }

    @Test
    void authPassIsAtMost8Characters() {
        assertProblems(INSTANCE + "authentication = { auth_type = \"PASS\", auth_pass = \"123456789\" }\n",
                "test.toml:5:40: vrrp_instance.VI_1.authentication.auth_pass: expected at most 8 characters,"
                        + " got 9");
    }

    @Test
    void authenticationOnlyWithVrrpVersion2() {
        assertProblems(INSTANCE + "version = 3\nauthentication = { auth_type = \"PASS\", auth_pass = \"1234\" }\n",
                "test.toml:6:1: vrrp_instance.VI_1.authentication: expected no authentication with VRRP version 3"
                        + " (authentication exists only in VRRPv2)");
    }

    @Test
    void authenticationOnlyWithIpv4() {
        assertProblems("""
                [vrrp_instance.VI_6]
                interface = "eth1"
                virtual_router_id = 51
                virtual_ipaddress = ["fe80::51"]
                authentication = { auth_type = "PASS", auth_pass = "1234" }
                """,
                "test.toml:5:1: vrrp_instance.VI_6.authentication: expected no authentication with VRRP version 3"
                        + " (authentication exists only in VRRPv2)",
                "test.toml:5:1: vrrp_instance.VI_6.authentication: expected no authentication on an IPv6"
                        + " instance (authentication exists only for IPv4)");
    }

    @Test
    void vrrpVersion2IsNeverUsedWithIpv6() {
        assertProblems("""
                [vrrp_instance.VI_6]
                interface = "eth1"
                virtual_router_id = 51
                version = 2
                virtual_ipaddress = ["fe80::51"]
                """,
                "test.toml:4:1: vrrp_instance.VI_6.version: expected version 3 for an IPv6 instance (VRRPv2 is IPv4"
                        + " only), got 2");
    }

    @Test
    void theFirstVipOfAMulticastIpv6InstanceIsLinkLocal() {
        assertProblems("""
                [vrrp_instance.VI_6]
                interface = "eth1"
                virtual_router_id = 51
                virtual_ipaddress = ["2001:db8::51/64", "fe80::51"]
                """,
                "test.toml:4:22: vrrp_instance.VI_6.virtual_ipaddress[0]: expected a link-local (fe80::/10)"
                        + " address as the first VIP of an IPv6 instance (RFC 5798), got 2001:db8::51");
    }

    @Test
    void vipsAndPeersAreAllOfTheFirstVipsFamily() {
        assertProblems(INSTANCE.replace("[\"192.168.200.17/24\"]", "[\"192.168.200.17/24\", \"2001:db8::1\"]") + """
                unicast_src_ip = "2001:db8::2"
                mcast_src_ip = "fe80::2"
                unicast_peer = ["192.168.200.3", "2001:db8::3"]
                """,
                "test.toml:4:43: vrrp_instance.VI_1.virtual_ipaddress[1]: expected an IPv4 address like the first"
                        + " virtual_ipaddress, got IPv6 address 2001:db8::1",
                "test.toml:5:1: vrrp_instance.VI_1.unicast_src_ip: expected an IPv4 address like the first"
                        + " virtual_ipaddress, got IPv6 address 2001:db8::2",
                "test.toml:6:1: vrrp_instance.VI_1.mcast_src_ip: expected an IPv4 address like the first"
                        + " virtual_ipaddress, got IPv6 address fe80::2",
                "test.toml:7:34: vrrp_instance.VI_1.unicast_peer[1]: expected an IPv4 address like the first"
                        + " virtual_ipaddress, got IPv6 address 2001:db8::3");
    }

    @Test
    void twoInstancesMayNotShareVridAndFamilyOnOneInterface() {
        String second = """
                [vrrp_instance.VI_2]
                interface = "IF"
                virtual_router_id = 51
                virtual_ipaddress = ["ADDR"]
                """;
        assertProblems(INSTANCE + second.replace("IF", "eth1").replace("ADDR", "192.168.200.18"),
                "test.toml:7:1: vrrp_instance.VI_2.virtual_router_id: expected a virtual_router_id not used by"
                        + " another IPv4 instance on eth1, got 51 which vrrp_instance.VI_1 uses");
        assertProblems(INSTANCE + second.replace("IF", "eth2").replace("ADDR", "192.168.200.18"));
        assertProblems(INSTANCE + second.replace("IF", "eth1").replace("ADDR", "fe80::18"));
    }

    @Test
    void syncGroupMembersMustBeDefinedInstances() {
        assertProblems(INSTANCE + "[vrrp_sync_group.G1]\ngroup = [\"VI_1\", \"VI_3\"]\n",
                "test.toml:6:18: vrrp_sync_group.G1.group[1]: expected the name of a [vrrp_instance.NAME] table,"
                        + " got \"VI_3\"; did you mean \"VI_1\"?");
    }

    @Test
    void anInstanceBelongsToOneSyncGroupOnly() {
        assertProblems(INSTANCE + "[vrrp_sync_group.G1]\ngroup = [\"VI_1\"]\n[vrrp_sync_group.G2]\ngroup = [\"VI_1\"]\n",
                "test.toml:8:10: vrrp_sync_group.G2.group[0]: expected each vrrp_instance in one sync group only,"
                        + " got VI_1 which is already in vrrp_sync_group.G1");
    }

    @Test
    void trackedScriptsFilesAndProcessesMustBeDefinedAsTables() {
        assertProblems(INSTANCE + """
                track_script = ["web"]
                track_file = ["maint"]
                track_process = [{ name = "haproxy" }]
                [vrrp_script.chk_db]
                script = "/bin/true"
                """,
                "test.toml:5:17: vrrp_instance.VI_1.track_script[0]: expected the name of a [vrrp_script.NAME]"
                        + " table, got \"web\"; defined: chk_db",
                "test.toml:6:15: vrrp_instance.VI_1.track_file[0]: expected the name of a [vrrp_track_file.NAME]"
                        + " table, got \"maint\"; no vrrp_track_file is defined",
                "test.toml:7:20: vrrp_instance.VI_1.track_process[0].name: expected the name of a"
                        + " [vrrp_track_process.NAME] table, got \"haproxy\"; no vrrp_track_process is defined");
    }

    @Test
    void anAuthTypeNoLoadedPluginProvidesIsRefusedWithTheAvailableTypes() {
        String toml = INSTANCE + "authentication = { auth_type = \"PASS\", auth_pass = \"1234\" }\n";
        assertProblems(toml, FakePlugins.withAuthTypes(new FakePlugins.AhAuth()),
                "test.toml:5:20: vrrp_instance.VI_1.authentication.auth_type: no auth type PASS is provided by a"
                        + " loaded plugin; available: AH");
        assertProblems(toml, FakePlugins.withAuthTypes(),
                "test.toml:5:20: vrrp_instance.VI_1.authentication.auth_type: no auth type PASS is provided by a"
                        + " loaded plugin; available: none");
    }

    @Test
    void aCheckTypeNoLoadedPluginProvidesIsRefusedWithTheAvailableTypes() {
        assertProblems("[vrrp_script.chk]\ntype = \"grafana\"\nurl = \"http://x\"\n",
                "test.toml:2:1: vrrp_script.chk.type: no check type grafana is provided by a loaded plugin;"
                        + " available: script, tcp");
    }

    @Test
    void aVrrpScriptHasExactlyOneOfScriptAndType() {
        assertProblems("[vrrp_script.chk]\nscript = \"/bin/true\"\ntype = \"tcp\"\n",
                "test.toml:1:1: vrrp_script.chk.connect_ip: missing required key \"connect_ip\"",
                "test.toml:3:1: vrrp_script.chk.type: expected either script or type, not both (script = \"...\" is"
                        + " type \"script\")");
        assertProblems("[vrrp_script.chk]\ninterval = 2\n",
                "test.toml:1:1: vrrp_script.chk: expected script = \"COMMAND\" or type = \"TYPE\", got neither");
    }

    @Test
    void aTypedCheckAcceptsOnlyItsPluginsKeysAndThePluginValidatesThem() {
        assertProblems("""
                [vrrp_script.chk_db]
                type = "tcp"
                interval = 2
                connect_ip = "127.0.0.1"
                connect_prot = 3306
                [vrrp_script.chk_other]
                type = "tcp"
                connect_ip = "127.0.0.1"
                connect_port = 70000
                """,
                "test.toml:1:1: vrrp_script.chk_db.connect_port: missing required key \"connect_port\"",
                "test.toml:5:1: vrrp_script.chk_db.connect_prot: unknown key \"connect_prot\"; did you mean"
                        + " \"connect_port\"?",
                "test.toml:9:1: vrrp_script.chk_other.connect_port: expected an integer from 1 to 65535, got 70000");
    }

    @Test
    void anExplicitVipBackendOrAnnouncerNoPluginProvidesIsAnError() {
        assertProblems("[global_defs]\nvip_backend = \"ioctl\"\nannouncer = \"raw\"\n",
                "test.toml:2:1: global_defs.vip_backend: no VIP backend type ioctl is provided by a loaded plugin;"
                        + " available: iproute2, netlink",
                "test.toml:3:1: global_defs.announcer: no announcer type raw is provided by a loaded plugin;"
                        + " available: packet, pcap4j");
    }

    @Test
    void aDefaultVipBackendOrAnnouncerNoPluginProvidesIsOnlyAWarning() {
        ValidationReport report = Configs.validate("[global_defs]\nrouter_id = \"r\"\n", TypeRegistry.builder().build());
        assertEquals(List.of(
                "test.toml:1:1: warning: global_defs.vip_backend: no VIP backend type netlink is provided by a"
                        + " loaded plugin; available: none (it is the default; install its plugin before running the daemon)",
                "test.toml:1:1: warning: global_defs.announcer: no announcer type packet is provided by a loaded"
                        + " plugin; available: none (it is the default; install its plugin before running the daemon)"),
                Configs.messages(report));
        assertTrue(report.ok());
    }

    @Test
    void anInterfaceMissingOnThisHostIsOnlyAWarning() {
        ValidationReport report = Configs.validate(INSTANCE.replace("eth1", "bond0")
                + "track_interface = [\"eth2\", { name = \"vlan7\" }]\n");
        assertEquals(List.of(
                "test.toml:2:1: warning: vrrp_instance.VI_1.interface: interface bond0 does not exist on this host"
                        + " (it may appear later)",
                "test.toml:5:30: warning: vrrp_instance.VI_1.track_interface[1].name: interface vlan7 does not"
                        + " exist on this host (it may appear later)"),
                Configs.messages(report));
        assertTrue(report.ok());
    }

    @Test
    void useVmacIsRefusedAsNotSupportedYet() {
        assertProblems(INSTANCE + "use_vmac = \"vrrp.51\"\n",
                "test.toml:5:1: vrrp_instance.VI_1.use_vmac: \"use_vmac\" is a keepalived key that hakeeper does"
                        + " not support yet");
    }

    @Test
    void strictModeRefusesUnicastAuthenticationPreemptDelayAndNoVips() {
        assertProblems("[global_defs]\nvrrp_strict = true\n" + INSTANCE + """
                unicast_peer = ["192.168.200.3"]
                authentication = { auth_type = "PASS", auth_pass = "1234" }
                preempt_delay = 10
                [vrrp_instance.VI_2]
                interface = "eth2"
                virtual_router_id = 52
                """,
                "test.toml:7:1: vrrp_instance.VI_1.unicast_peer: expected no unicast_peer with"
                        + " global_defs.vrrp_strict = true (RFC 3768/5798 have no such thing)",
                "test.toml:8:1: vrrp_instance.VI_1.authentication: expected no authentication with"
                        + " global_defs.vrrp_strict = true (RFC 3768/5798 have no such thing)",
                "test.toml:9:1: vrrp_instance.VI_1.preempt_delay: expected no preempt_delay with"
                        + " global_defs.vrrp_strict = true (RFC 3768/5798 have no such thing)",
                "test.toml:10:1: vrrp_instance.VI_2.virtual_ipaddress: expected at least one virtual_ipaddress"
                        + " with global_defs.vrrp_strict = true");
    }

    @Test
    void aRequiredKeyThatIsMissingIsNamed() {
        assertProblems("[vrrp_instance.VI_1]\nvirtual_ipaddress = [\"192.168.200.17\"]\n",
                "test.toml:1:1: vrrp_instance.VI_1.interface: missing required key \"interface\"",
                "test.toml:1:1: vrrp_instance.VI_1.virtual_router_id: missing required key \"virtual_router_id\"");
    }

    @Test
    void aVipThatCannotBeReadSaysWhatWasExpected() {
        assertProblems(INSTANCE.replace("[\"192.168.200.17/24\"]",
                        "[\"192.168.200.17/33\", \"192.168.200.18 device eth1\", \"vip.example.com\"]"),
                "test.toml:4:22: vrrp_instance.VI_1.virtual_ipaddress[0]: expected a prefix length from 0 to 32,"
                        + " got \"33\"",
                "test.toml:4:43: vrrp_instance.VI_1.virtual_ipaddress[1]: expected dev, brd, scope or label after"
                        + " the address, got \"device\"",
                "test.toml:4:73: vrrp_instance.VI_1.virtual_ipaddress[2]: expected an IP address, got"
                        + " \"vip.example.com\"");
    }

    @Test
    void aNotifyCommandWithAnOpenQuoteIsRefused() {
        assertProblems(INSTANCE + "notify_master = \"/bin/notify 'master\"\n",
                "test.toml:5:1: vrrp_instance.VI_1.notify_master: expected a command line, got unterminated '"
                        + " quote in \"/bin/notify 'master\"");
    }

    @Test
    void quorumMaxIsAtLeastQuorum() {
        assertProblems("[vrrp_track_process.p]\nprocess = \"haproxy\"\nquorum = 3\nquorum_max = 2\n",
                "test.toml:4:1: vrrp_track_process.p.quorum_max: expected at least quorum (3), got 2");
    }

    @Test
    void aTomlSyntaxErrorIsReportedWithItsPosition() {
        ValidationReport report = Configs.validate("[vrrp_instance.VI_1]\npriority = = 100\n");
        assertEquals(1, report.problems().size());
        assertTrue(Configs.messages(report).get(0).startsWith("test.toml:2:12: "), Configs.messages(report).get(0));
    }
}
