package io.hakeeper.engine.config;

import static io.hakeeper.engine.config.KeySpec.flag;
import static io.hakeeper.engine.config.KeySpec.integer;
import static io.hakeeper.engine.config.KeySpec.of;
import static io.hakeeper.engine.config.KeySpec.seconds;

import java.util.ArrayList;
import java.util.List;

import io.hakeeper.engine.config.model.TrackKind;

/** The keys of {@code [vrrp_instance.NAME]}, of its {@code authentication} table and of its track entries. */
final class InstanceSchema {

    static final KeySpec STATE = of("state", ValueType.STRING).byDefault("BACKUP")
            .means("initial state, MASTER or BACKUP; the election decides after start");
    static final KeySpec INTERFACE = of("interface", ValueType.STRING).mandatory()
            .means("interface adverts are sent and received on");
    static final KeySpec DONT_TRACK_PRIMARY = flag("dont_track_primary")
            .means("ignore link failures of interface (track_interface still counts)");
    static final KeySpec MCAST_SRC_IP = of("mcast_src_ip", ValueType.ADDRESS)
            .means("source address of multicast adverts; default: the interface's first address");
    static final KeySpec UNICAST_SRC_IP = of("unicast_src_ip", ValueType.ADDRESS)
            .means("source address of unicast adverts; default: the interface's first address");
    static final KeySpec UNICAST_PEER = of("unicast_peer", ValueType.ADDRESSES)
            .means("send adverts to these addresses by unicast instead of multicast");
    static final KeySpec CHECK_UNICAST_SRC = flag("check_unicast_src")
            .means("accept unicast adverts only from a unicast_peer");
    static final KeySpec VERSION = integer("version", 2, 3)
            .means("VRRP version; default: global_defs.vrrp_version, 3 for IPv6");
    static final KeySpec VIRTUAL_ROUTER_ID = integer("virtual_router_id", 1, 255).mandatory()
            .means("VRID shared by the routers of this virtual router");
    static final KeySpec PRIORITY = integer("priority", 1, 255).byDefault(100L)
            .means("election priority; 255 only for the address owner");
    static final KeySpec ADVERT_INT = seconds("advert_int", 0.01, 255).byDefault(1.0)
            .means("seconds between adverts: whole 1-255 for v2, 0.01-40.95 for v3");
    static final KeySpec AUTHENTICATION = of("authentication", ValueType.TABLE)
            .means("VRRPv2 authentication: { auth_type, auth_pass }");
    static final KeySpec VIRTUAL_IPADDRESS = of("virtual_ipaddress", ValueType.STRINGS)
            .means("VIPs held while master: \"ADDR[/LEN] [dev IF] [brd ADDR] [scope S] [label L]\"");
    static final KeySpec VIRTUAL_IPADDRESS_EXCLUDED = of("virtual_ipaddress_excluded", ValueType.STRINGS)
            .means("VIPs held while master but not listed in adverts; any family");
    static final KeySpec VIRTUAL_ROUTES = of("virtual_routes", ValueType.STRINGS)
            .means("routes installed while master: \"DEST [via GW] [dev IF] [metric N] ...\"");
    static final KeySpec NOPREEMPT = flag("nopreempt")
            .means("a higher-priority backup does not take over from a running master");
    static final KeySpec PREEMPT_DELAY = seconds("preempt_delay", 0, 1000).byDefault(0.0)
            .means("seconds after start before a higher-priority backup may take over");
    static final KeySpec GARP_MASTER_DELAY = integer("garp_master_delay", 0, GlobalDefsSchema.MAX_GARP_DELAY)
            .means("this instance's vrrp_garp_master_delay");
    static final KeySpec GARP_MASTER_REPEAT = integer("garp_master_repeat", 1, GlobalDefsSchema.MAX_COUNT)
            .means("this instance's vrrp_garp_master_repeat");
    static final KeySpec GARP_MASTER_REFRESH = integer("garp_master_refresh", 0, 4294967295L)
            .means("this instance's vrrp_garp_master_refresh");
    static final KeySpec GARP_MASTER_REFRESH_REPEAT = integer("garp_master_refresh_repeat", 1,
            GlobalDefsSchema.MAX_COUNT).means("this instance's vrrp_garp_master_refresh_repeat");
    static final KeySpec GARP_LOWER_PRIO_DELAY = integer("garp_lower_prio_delay", 0,
            GlobalDefsSchema.MAX_GARP_DELAY).means("this instance's vrrp_garp_lower_prio_delay");
    static final KeySpec GARP_LOWER_PRIO_REPEAT = integer("garp_lower_prio_repeat", 0, GlobalDefsSchema.MAX_COUNT)
            .means("this instance's vrrp_garp_lower_prio_repeat");
    static final KeySpec USE_VMAC = of("use_vmac", ValueType.STRING).notSupportedYet()
            .means("use a virtual MAC interface (not supported yet)");

    static final KeySpec AUTH_TYPE = of("auth_type", ValueType.STRING).mandatory()
            .means("auth method type provided by a plugin: PASS or AH");
    static final KeySpec AUTH_PASS = of("auth_pass", ValueType.STRING).mandatory().masked()
            .means("shared password, at most 8 characters");
    static final SectionSpec AUTHENTICATION_SECTION = new SectionSpec("vrrp_instance.authentication", false,
            List.of(AUTH_TYPE, AUTH_PASS));

    static final SectionSpec SECTION = new SectionSpec("vrrp_instance", true, keys());

    private static List<KeySpec> keys() {
        List<KeySpec> keys = new ArrayList<>(List.of(STATE, INTERFACE, DONT_TRACK_PRIMARY));
        for (TrackKind kind : TrackKind.values()) {
            keys.add(of(kind.key(), ValueType.TRACKED).means(trackedMeaning(kind)));
        }
        keys.addAll(List.of(MCAST_SRC_IP, UNICAST_SRC_IP, UNICAST_PEER, CHECK_UNICAST_SRC, VERSION,
                VIRTUAL_ROUTER_ID, PRIORITY, ADVERT_INT, AUTHENTICATION, VIRTUAL_IPADDRESS,
                VIRTUAL_IPADDRESS_EXCLUDED, VIRTUAL_ROUTES, NOPREEMPT, PREEMPT_DELAY, GARP_MASTER_DELAY,
                GARP_MASTER_REPEAT, GARP_MASTER_REFRESH, GARP_MASTER_REFRESH_REPEAT, GARP_LOWER_PRIO_DELAY,
                GARP_LOWER_PRIO_REPEAT));
        keys.addAll(NotifySchema.KEYS);
        keys.add(USE_VMAC);
        return keys;
    }

    private static String trackedMeaning(TrackKind kind) {
        return switch (kind) {
            case INTERFACE -> "interfaces whose link state changes priority or means FAULT";
            case SCRIPT -> "vrrp_script checks whose result changes priority or means FAULT";
            case FILE -> "vrrp_track_file files whose value changes priority or means FAULT";
            case PROCESS -> "vrrp_track_process processes whose presence changes priority or means FAULT";
        };
    }

    private InstanceSchema() {
    }
}
