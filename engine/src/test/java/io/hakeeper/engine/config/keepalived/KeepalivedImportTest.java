package io.hakeeper.engine.config.keepalived;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

import io.hakeeper.engine.config.Problem;

class KeepalivedImportTest {

    @TempDir
    Path dir;

    private KeepalivedImport.Result importText(String text) throws IOException {
        Path file = dir.resolve("keepalived.conf");
        Files.writeString(file, text);
        return KeepalivedImport.translate(file);
    }

    private static TomlParseResult toml(KeepalivedImport.Result result) {
        TomlParseResult parsed = Toml.parse(result.toml());
        assertFalse(parsed.hasErrors(), () -> parsed.errors() + "\n" + result.toml());
        return parsed;
    }

    private static List<String> messages(KeepalivedImport.Result result) {
        return result.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void aTypicalInstanceBecomesTheSameKeysInToml() throws IOException {
        KeepalivedImport.Result result = importText("""
                ! Configuration File for keepalived
                global_defs {
                   router_id "lb 1"   # quoted, with a space
                   vrrp_strict
                }
                vrrp_script chk_haproxy {
                    script "/usr/bin/killall -0 haproxy"
                    interval 2.5
                    weight -20
                }
                vrrp_instance VI_1
                {
                    state MASTER
                    interface eth1
                    virtual_router_id 51
                    priority 150
                    advert_int 1
                    authentication {
                        auth_type PASS
                        auth_pass 1234
                    }
                    virtual_ipaddress {
                        192.168.200.17/24 dev eth1 label eth1:1
                        192.168.200.18
                    }
                    track_script { chk_haproxy weight -30 reverse }
                    track_interface {
                        eth2
                    }
                }
                """);
        assertEquals(List.of(), messages(result));
        TomlParseResult toml = toml(result);
        assertEquals("lb 1", toml.getString("global_defs.router_id"));
        assertEquals(true, toml.getBoolean("global_defs.vrrp_strict"));
        assertEquals("/usr/bin/killall -0 haproxy", toml.getString("vrrp_script.chk_haproxy.script"));
        assertEquals(2.5, toml.getDouble("vrrp_script.chk_haproxy.interval"));
        assertEquals(-20L, toml.getLong("vrrp_script.chk_haproxy.weight"));
        assertEquals(150L, toml.getLong("vrrp_instance.VI_1.priority"));
        assertEquals("PASS", toml.getString("vrrp_instance.VI_1.authentication.auth_type"));
        assertEquals(List.of("192.168.200.17/24 dev eth1 label eth1:1", "192.168.200.18"),
                toml.getArray("vrrp_instance.VI_1.virtual_ipaddress").toList());
        assertEquals(-30L, toml.getArray("vrrp_instance.VI_1.track_script").getTable(0).getLong("weight"));
        assertEquals(true, toml.getArray("vrrp_instance.VI_1.track_script").getTable(0).getBoolean("reverse"));
        assertEquals("eth2", toml.getArray("vrrp_instance.VI_1.track_interface").getString(0));
    }

    @Test
    void includesAreGlobsRelativeToTheIncludingFile() throws IOException {
        Files.createDirectories(dir.resolve("conf.d"));
        Files.writeString(dir.resolve("conf.d/b.conf"), "vrrp_instance B {\n interface eth1\n virtual_router_id 2\n}\n");
        Files.writeString(dir.resolve("conf.d/a.conf"), "vrrp_instance A {\n interface eth1\n virtual_router_id 1\n}\n");
        Files.writeString(dir.resolve("conf.d/skip.txt"), "garbage {");
        KeepalivedImport.Result result = importText("include conf.d/*.conf\n");
        assertEquals(List.of(), messages(result));
        TomlParseResult toml = toml(result);
        assertEquals(List.of("A", "B"), List.copyOf(toml.getTable("vrrp_instance").keySet()).stream().sorted().toList());
        assertTrue(result.toml().indexOf("vrrp_instance.A") < result.toml().indexOf("vrrp_instance.B"),
                "files are included in name order");
    }

    @Test
    void aMissingClosingBraceIsAnErrorAtTheBlockItOpened() throws IOException {
        KeepalivedImport.Result result = importText("vrrp_instance VI_1 {\n interface eth1\n virtual_ipaddress {\n 10.0.0.1\n}\n");
        assertTrue(result.hasErrors());
        assertEquals(List.of(dir.resolve("keepalived.conf") + ":1:20: missing '}': the block opened here is never closed"),
                messages(result));
    }

    @Test
    void anUnknownKeywordIsAnErrorWithFileAndLine() throws IOException {
        KeepalivedImport.Result result = importText("vrrp_instance VI_1 {\n interface eth1\n prioritx 100\n}\n");
        assertEquals(List.of(dir.resolve("keepalived.conf") + ":3:2: vrrp_instance.VI_1.prioritx: unknown keyword"
                + " \"prioritx\" in vrrp_instance"), messages(result));
    }

    @Test
    void aValueOfTheWrongKindIsAnErrorWithFileAndLine() throws IOException {
        KeepalivedImport.Result result = importText("vrrp_instance VI_1 {\n interface eth1\n priority high\n}\n");
        assertEquals(List.of(dir.resolve("keepalived.conf") + ":3:2: vrrp_instance.VI_1.priority: expected an integer,"
                + " got \"high\""), messages(result));
    }

    @Test
    void lvsAndUnsupportedKeywordsAreWarningsNeverSilentDrops() throws IOException {
        KeepalivedImport.Result result = importText("""
                global_defs {
                  enable_snmp_vrrp
                }
                vrrp_instance VI_1 {
                  interface eth1
                  virtual_router_id 1
                  garp_extra_if 5
                }
                virtual_server 10.0.0.1 80 {
                  real_server 10.0.0.2 80 { weight 1 }
                }
                """);
        assertFalse(result.hasErrors(), () -> messages(result).toString());
        List<String> messages = messages(result);
        String file = dir.resolve("keepalived.conf").toString();
        assertEquals(List.of(
                file + ":2:3: warning: global_defs.enable_snmp_vrrp: keepalived's enable_snmp_vrrp is not supported by"
                        + " hakeeper; ignored",
                file + ":7:3: warning: vrrp_instance.VI_1.garp_extra_if: keepalived's garp_extra_if is not supported"
                        + " by hakeeper; ignored",
                file + ":9:1: warning: virtual_server: virtual_server (LVS) is not part of hakeeper, which does VRRP"
                        + " only; block ignored"), messages);
        assertFalse(result.toml().contains("garp_extra_if"));
    }

    @Test
    void theProcessKeywordsImportOneToOne() throws IOException {
        KeepalivedImport.Result result = importText("""
                global_defs {
                  vrrp_rt_priority 50
                  vrrp_rlimit_rttime 20000
                  vrrp_priority -5
                  vrrp_no_swap
                  vrrp_cpu_affinity 1 0
                }
                vrrp_instance VI_1 {
                  interface eth1
                  virtual_router_id 1
                }
                """);
        assertEquals(List.of(), messages(result));
        TomlParseResult toml = toml(result);
        assertEquals(50L, toml.getLong(List.of("global_defs", "vrrp_rt_priority")));
        assertEquals(20000L, toml.getLong(List.of("global_defs", "vrrp_rlimit_rttime")));
        assertEquals(-5L, toml.getLong(List.of("global_defs", "vrrp_priority")));
        assertEquals(true, toml.getBoolean(List.of("global_defs", "vrrp_no_swap")));
        assertEquals(List.of(1L, 0L), toml.getArray(List.of("global_defs", "vrrp_cpu_affinity")).toList());
    }

    @Test
    void theDeprecatedRtimeSpellingIsImportedAsRttimeWithAWarning() throws IOException {
        KeepalivedImport.Result result = importText("global_defs {\n  vrrp_rlimit_rtime 30000\n}\n");
        assertEquals(List.of(dir.resolve("keepalived.conf") + ":2:3: warning: global_defs.vrrp_rlimit_rtime: keepalived"
                + " deprecates vrrp_rlimit_rtime; imported as vrrp_rlimit_rttime"), messages(result));
        assertEquals(30000L, toml(result).getLong(List.of("global_defs", "vrrp_rlimit_rttime")));
    }

    @Test
    void aCpuThatIsNotANumberIsAnErrorWithFileAndLine() throws IOException {
        KeepalivedImport.Result result = importText("global_defs {\n  vrrp_cpu_affinity 0 one\n}\n");
        assertEquals(List.of(dir.resolve("keepalived.conf") + ":2:3: global_defs.vrrp_cpu_affinity: expected integers,"
                + " got \"one\""), messages(result));
    }

    @Test
    void aValidatorPositionInTheTomlIsMovedBackToTheKeepalivedLine() throws IOException {
        KeepalivedImport.Result result = importText("vrrp_instance VI_1 {\n interface eth1\n\n priority 300\n}\n");
        int tomlLine = result.toml().lines().toList().indexOf("priority = 300") + 1;
        assertEquals(dir.resolve("keepalived.conf") + ":4:2", result.originOf(
                new io.hakeeper.api.SourcePosition(result.tomlName(), tomlLine, 1)).toString());
    }

    @Test
    void stringsAreEscapedForToml() throws IOException {
        KeepalivedImport.Result result = importText("vrrp_instance \"VI 1\" {\n interface eth1\n"
                + " notify_master \"/bin/echo \\\\ \"\n}\n");
        assertEquals("/bin/echo \\\\ ", toml(result).getString(List.of("vrrp_instance", "VI 1", "notify_master")));
    }

    @Test
    void contentDecidesWhetherAFileIsKeepalived() {
        assertTrue(KeepalivedImport.looksLikeKeepalived("vrrp_instance VI_1 {\n interface eth1\n}\n"));
        assertFalse(KeepalivedImport.looksLikeKeepalived("[vrrp_instance.VI_1]\ninterface = \"eth1\"\n"));
        assertFalse(KeepalivedImport.looksLikeKeepalived("this is neither\n"));
    }
}
