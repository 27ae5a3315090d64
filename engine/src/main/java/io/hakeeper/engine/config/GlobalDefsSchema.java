package io.hakeeper.engine.config;

import static io.hakeeper.engine.config.KeySpec.flag;
import static io.hakeeper.engine.config.KeySpec.integer;
import static io.hakeeper.engine.config.KeySpec.of;
import static io.hakeeper.engine.config.KeySpec.seconds;

import java.util.List;

/** The keys of {@code [global_defs]}: keepalived's VRRP-side globals and hakeeper's own settings. */
final class GlobalDefsSchema {

    /** keepalived reads GARP delays in whole seconds up to UINT_MAX / TIMER_HZ. */
    static final long MAX_GARP_DELAY = 4294;
    static final long MAX_COUNT = Integer.MAX_VALUE;

    static final KeySpec ROUTER_ID = of("router_id", ValueType.STRING)
            .means("name of this router in notifications and emails; default: the host name");
    static final KeySpec GARP_MASTER_DELAY = integer("vrrp_garp_master_delay", 0, MAX_GARP_DELAY).byDefault(5L)
            .means("seconds after becoming master before the second set of gratuitous ARP/NA; 0: no second set");
    static final KeySpec GARP_MASTER_REPEAT = integer("vrrp_garp_master_repeat", 1, MAX_COUNT).byDefault(5L)
            .means("gratuitous ARP/NA messages sent at a time after becoming master");
    static final KeySpec GARP_LOWER_PRIO_DELAY = integer("vrrp_garp_lower_prio_delay", 0, MAX_GARP_DELAY)
            .means("like vrrp_garp_master_delay, after a lower-priority advert while master");
    static final KeySpec GARP_LOWER_PRIO_REPEAT = integer("vrrp_garp_lower_prio_repeat", 0, MAX_COUNT)
            .means("like vrrp_garp_master_repeat, after a lower-priority advert while master; 0: none");
    static final KeySpec GARP_MASTER_REFRESH = integer("vrrp_garp_master_refresh", 0, 4294967295L).byDefault(0L)
            .means("seconds between repeated gratuitous ARP/NA while master; 0: no refresh");
    static final KeySpec GARP_MASTER_REFRESH_REPEAT = integer("vrrp_garp_master_refresh_repeat", 1, MAX_COUNT)
            .byDefault(1L).means("gratuitous ARP/NA messages sent at a time on each refresh");
    static final KeySpec GARP_INTERVAL = seconds("vrrp_garp_interval", 0, MAX_GARP_DELAY).byDefault(0.0)
            .means("delay between gratuitous ARPs on one interface, from any instance; 0: no delay");
    static final KeySpec GNA_INTERVAL = seconds("vrrp_gna_interval", 0, MAX_GARP_DELAY).byDefault(0.0)
            .means("delay between unsolicited NAs on one interface, from any instance; 0: no delay");
    static final KeySpec STRICT = flag("vrrp_strict")
            .means("enforce strict RFC compliance (no unicast peers, no authentication, ...)");
    static final KeySpec SKIP_CHECK_ADV_ADDR = flag("vrrp_skip_check_adv_addr")
            .means("skip checking the addresses of an advert from the same master as the previous one");
    static final KeySpec STARTUP_DELAY = seconds("vrrp_startup_delay", 0, MAX_GARP_DELAY).byDefault(0.0)
            .means("delay before the VRRP instances start after the daemon starts");
    static final KeySpec VERSION = integer("vrrp_version", 2, 3).byDefault(2L)
            .means("default VRRP version of IPv4 instances (IPv6 instances use 3)");
    static final KeySpec NOTIFY_FIFO = of("vrrp_notify_fifo", ValueType.STRING)
            .means("FIFO that receives a line per instance and group state change");
    static final KeySpec NOTIFICATION_EMAIL = of("notification_email", ValueType.STRINGS)
            .means("addresses that smtp_alert emails are sent to");
    static final KeySpec NOTIFICATION_EMAIL_FROM = of("notification_email_from", ValueType.STRING)
            .means("From address of alert emails; default: hakeeper@<host name>");
    static final KeySpec SMTP_SERVER = of("smtp_server", ValueType.STRING)
            .means("SMTP server for alert emails: \"HOST [PORT]\", port 25 when not given");
    static final KeySpec SMTP_CONNECT_TIMEOUT = integer("smtp_connect_timeout", 1, 4294).byDefault(30L)
            .means("seconds to wait for the SMTP server to accept a connection");
    static final KeySpec SCRIPT_USER = of("script_user", ValueType.STRING)
            .means("\"USER [GROUP]\" that scripts run as unless they say otherwise");
    static final KeySpec ENABLE_SCRIPT_SECURITY = flag("enable_script_security")
            .means("refuse to run scripts as root when any part of their path is writable by others");
    static final KeySpec V3_CHECKSUM_AS_V2 = flag("v3_checksum_as_v2")
            .means("compute VRRPv3 IPv4 checksums without the pseudo-header, as old keepalived did");
    static final KeySpec RT_PRIORITY = integer("vrrp_rt_priority", 1, 99)
            .means("run the event loop, and the JVM threads it waits for at safepoints, under SCHED_RR at this"
                    + " realtime priority");
    /** keepalived reads an unsigned 32-bit count of microseconds. */
    static final KeySpec RLIMIT_RTTIME = integer("vrrp_rlimit_rttime", 1, 4294967295L)
            .means("with vrrp_rt_priority: microseconds of CPU a realtime thread may use without blocking"
                    + " (RLIMIT_RTTIME): a warning at half, the kernel kills the daemon at the limit");
    static final KeySpec PROCESS_PRIORITY = integer("vrrp_priority", -20, 19)
            .means("without vrrp_rt_priority: the nice level of the event loop and of the JVM threads it waits"
                    + " for at safepoints");
    static final KeySpec NO_SWAP = flag("vrrp_no_swap")
            .means("lock the daemon's memory (mlockall), its heap and other anonymous memory touched in"
                    + " advance, so that nothing it uses is swapped out");
    /** CPU_SETSIZE: the largest CPU set glibc's sched_setaffinity takes by default. */
    static final KeySpec CPU_AFFINITY = of("vrrp_cpu_affinity", ValueType.INTEGERS).range(0, 1023)
            .means("the CPUs every thread of the daemon may run on (sched_setaffinity)");
    static final KeySpec PLUGIN_DIR = of("plugin_dir", ValueType.STRING).ownKey()
            .means("directory the plugin jars are loaded from; default: plugins/ beside bin/");
    static final KeySpec CONTROL_SOCKET = of("control_socket", ValueType.STRING).ownKey()
            .byDefault("/run/hakeeper/control.sock").means("Unix socket ha-admin connects to");
    static final KeySpec CONTROL_GROUP = of("control_group", ValueType.STRING).ownKey()
            .means("group that owns the control socket: its members may read state; default: root only");
    static final KeySpec ADMIN_GROUP = of("admin_group", ValueType.STRING).ownKey()
            .means("group whose members may change state over the control socket; default: root only");
    static final KeySpec VIP_BACKEND = of("vip_backend", ValueType.STRING).ownKey().byDefault("netlink")
            .means("VIP backend type that adds and removes addresses and routes");
    static final KeySpec ANNOUNCER = of("announcer", ValueType.STRING).ownKey().byDefault("packet")
            .means("announcer type that sends gratuitous ARP and unsolicited NA");

    static final SectionSpec SECTION = new SectionSpec("global_defs", false, List.of(ROUTER_ID,
            GARP_MASTER_DELAY, GARP_MASTER_REPEAT, GARP_LOWER_PRIO_DELAY, GARP_LOWER_PRIO_REPEAT,
            GARP_MASTER_REFRESH, GARP_MASTER_REFRESH_REPEAT, GARP_INTERVAL, GNA_INTERVAL, STRICT,
            SKIP_CHECK_ADV_ADDR, STARTUP_DELAY, VERSION, NOTIFY_FIFO, NOTIFICATION_EMAIL, NOTIFICATION_EMAIL_FROM,
            SMTP_SERVER, SMTP_CONNECT_TIMEOUT, SCRIPT_USER, ENABLE_SCRIPT_SECURITY, V3_CHECKSUM_AS_V2, RT_PRIORITY,
            RLIMIT_RTTIME, PROCESS_PRIORITY, NO_SWAP, CPU_AFFINITY, PLUGIN_DIR,
            CONTROL_SOCKET, CONTROL_GROUP, ADMIN_GROUP, VIP_BACKEND, ANNOUNCER));

    private GlobalDefsSchema() {
    }
}
