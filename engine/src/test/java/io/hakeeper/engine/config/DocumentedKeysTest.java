package io.hakeeper.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The keys the loader accepts are exactly the keys docs/configuration.md documents, and every key issue 2
 * lists is among them. Tests run with the engine module as working directory.
 */
class DocumentedKeysTest {

    private static final Path DOCS = Path.of("../docs/configuration.md");
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z_0-9.]+)` \\|");

    /** The keys issue 2 names, per section, as the issue writes them. */
    private static final List<String> ISSUE_KEYS = List.of(
            "global_defs.router_id", "global_defs.vrrp_garp_master_delay", "global_defs.vrrp_garp_master_repeat",
            "global_defs.vrrp_garp_lower_prio_delay", "global_defs.vrrp_garp_lower_prio_repeat",
            "global_defs.vrrp_garp_master_refresh", "global_defs.vrrp_garp_master_refresh_repeat",
            "global_defs.vrrp_garp_interval", "global_defs.vrrp_gna_interval", "global_defs.vrrp_strict",
            "global_defs.vrrp_skip_check_adv_addr", "global_defs.vrrp_startup_delay", "global_defs.vrrp_version",
            "global_defs.vrrp_notify_fifo", "global_defs.notification_email", "global_defs.notification_email_from",
            "global_defs.smtp_server", "global_defs.smtp_connect_timeout", "global_defs.script_user",
            "global_defs.enable_script_security", "global_defs.v3_checksum_as_v2", "global_defs.plugin_dir",
            "global_defs.control_socket", "global_defs.control_group", "global_defs.admin_group",
            "global_defs.vip_backend", "global_defs.announcer",
            "vrrp_script.script", "vrrp_script.type", "vrrp_script.interval", "vrrp_script.timeout",
            "vrrp_script.weight", "vrrp_script.rise", "vrrp_script.fall", "vrrp_script.user",
            "vrrp_script.init_fail",
            "vrrp_track_file.file", "vrrp_track_file.weight", "vrrp_track_file.init_file",
            "vrrp_track_process.process", "vrrp_track_process.param_match", "vrrp_track_process.weight",
            "vrrp_track_process.quorum", "vrrp_track_process.quorum_max", "vrrp_track_process.delay",
            "vrrp_instance.state", "vrrp_instance.interface", "vrrp_instance.dont_track_primary",
            "vrrp_instance.track_interface", "vrrp_instance.track_script", "vrrp_instance.track_file",
            "vrrp_instance.track_process", "vrrp_instance.mcast_src_ip", "vrrp_instance.unicast_src_ip",
            "vrrp_instance.unicast_peer", "vrrp_instance.check_unicast_src", "vrrp_instance.version",
            "vrrp_instance.virtual_router_id", "vrrp_instance.priority", "vrrp_instance.advert_int",
            "vrrp_instance.authentication", "vrrp_instance.authentication.auth_type",
            "vrrp_instance.authentication.auth_pass", "vrrp_instance.virtual_ipaddress",
            "vrrp_instance.virtual_ipaddress_excluded", "vrrp_instance.virtual_routes", "vrrp_instance.nopreempt",
            "vrrp_instance.preempt_delay", "vrrp_instance.garp_master_delay", "vrrp_instance.garp_master_repeat",
            "vrrp_instance.garp_master_refresh", "vrrp_instance.notify_master", "vrrp_instance.notify_backup",
            "vrrp_instance.notify_fault", "vrrp_instance.notify_stop", "vrrp_instance.notify",
            "vrrp_instance.smtp_alert", "vrrp_instance.use_vmac",
            "vrrp_instance.track_script.name", "vrrp_instance.track_script.weight",
            "vrrp_instance.track_interface.weight", "vrrp_instance.track_interface.reverse",
            "vrrp_sync_group.group", "vrrp_sync_group.track_interface", "vrrp_sync_group.track_script",
            "vrrp_sync_group.track_file", "vrrp_sync_group.track_process", "vrrp_sync_group.notify_master",
            "vrrp_sync_group.notify_backup", "vrrp_sync_group.notify_fault", "vrrp_sync_group.notify_stop",
            "vrrp_sync_group.notify");

    @Test
    void theDocumentedKeysAreExactlyTheAcceptedKeys() throws Exception {
        Set<String> documented = documentedKeys();
        assertEquals(new TreeSet<>(ConfigSchema.acceptedKeys()), new TreeSet<>(documented));
    }

    @Test
    void everyKeyTheIssueListsIsAcceptedAndDocumented() throws Exception {
        Set<String> documented = documentedKeys();
        for (String key : ISSUE_KEYS) {
            assertTrue(ConfigSchema.acceptedKeys().contains(key), "not accepted: " + key);
            assertTrue(documented.contains(key), "not documented: " + key);
        }
    }

    /** The first cells of the rows between the keys:begin and keys:end markers; a key twice is a failure. */
    private static Set<String> documentedKeys() throws Exception {
        List<String> lines = Files.readAllLines(DOCS);
        int begin = lines.indexOf("<!-- keys:begin -->");
        int end = lines.indexOf("<!-- keys:end -->");
        assertTrue(begin >= 0 && end > begin, "the keys table markers are missing from " + DOCS);
        Set<String> keys = new LinkedHashSet<>();
        for (String line : lines.subList(begin + 1, end)) {
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                assertTrue(keys.add(row.group(1)), "documented twice: " + row.group(1));
            }
        }
        return keys;
    }
}
