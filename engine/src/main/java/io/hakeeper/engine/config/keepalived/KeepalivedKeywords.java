package io.hakeeper.engine.config.keepalived;

import java.util.Set;

/**
 * The keywords keepalived 2.2.7 itself accepts (from its parsers' install_keyword calls), so that the
 * importer can tell a keepalived keyword hakeeper does not implement (a warning) from a word keepalived
 * does not know either (an error, as keepalived -t reports it).
 */
final class KeepalivedKeywords {

    /** Top-level keywords other than the VRRP sections hakeeper reads. */
    static final Set<String> OTHER_ROOTS = Set.of("virtual_server", "virtual_server_group", "SSL", "bfd_instance",
            "track_group", "static_ipaddress", "static_routes", "static_rules", "garp_group", "linkbeat_interfaces",
            "interface_up_down_delays", "linkbeat_use_polling", "net_namespace", "net_namespace_ipvs",
            "namespace_with_ipsets", "use_pid_dir", "instance", "child_wait_time");

    /** Keywords of global_defs. */
    static final Set<String> GLOBAL_DEFS = Set.of(
            "bfd_cpu_affinity", "bfd_no_swap", "bfd_priority", "bfd_process_name", "bfd_rlimit_rtime",
            "bfd_rlimit_rttime", "bfd_rt_priority", "checker_cpu_affinity", "checker_log_all_failures",
            "checker_no_swap", "checker_priority", "checker_process_name", "checker_rlimit_rtime",
            "checker_rlimit_rttime", "checker_rt_priority", "config_save_dir", "data_use_instance",
            "dbus_service_name", "default_interface", "disable_local_igmp", "dynamic_interfaces",
            "enable_dbus", "enable_script_security", "enable_snmp_checker", "enable_snmp_keepalived",
            "enable_snmp_rfc", "enable_snmp_rfcv2", "enable_snmp_rfcv3", "enable_snmp_vrrp", "enable_traps",
            "fifo_write_vrrp_states_on_reload", "include_check", "log_unknown_vrids", "lvs_flush",
            "lvs_flush_on_stop", "lvs_flush_onstop", "lvs_netlink_cmd_rcv_bufs",
            "lvs_netlink_cmd_rcv_bufs_force", "lvs_netlink_monitor_rcv_bufs",
            "lvs_netlink_monitor_rcv_bufs_force", "lvs_notify_fifo", "lvs_notify_fifo_script",
            "lvs_process_name", "lvs_sync_daemon", "lvs_timeouts", "max_auto_priority",
            "min_auto_priority_delay", "nftables", "nftables_counters", "nftables_ifindex", "nftables_ipvs",
            "nftables_ipvs_priority", "nftables_ipvs_start_fwmark", "nftables_priority",
            "no_checker_emails", "no_email_faults", "notification_email", "notification_email_from",
            "notify_fifo", "notify_fifo_script", "process_monitor_rcv_bufs",
            "process_monitor_rcv_bufs_force", "process_name", "process_names", "random_seed",
            "reload_check_config", "reload_file", "reload_repeat", "reload_time_file", "router_id",
            "rs_init_notifies", "script_user", "shutdown_script", "shutdown_script_timeout", "smtp_alert",
            "smtp_alert_checker", "smtp_alert_vrrp", "smtp_connect_timeout", "smtp_helo_name",
            "smtp_server", "snmp_socket", "startup_script", "startup_script_timeout",
            "tmp_config_directory", "umask", "vmac_addr_prefix", "vmac_prefix", "vrrp_check_unicast_src",
            "vrrp_cpu_affinity", "vrrp_down_timer_adverts", "vrrp_garp_extra_if", "vrrp_garp_interval",
            "vrrp_garp_lower_prio_delay", "vrrp_garp_lower_prio_repeat", "vrrp_garp_master_delay",
            "vrrp_garp_master_refresh", "vrrp_garp_master_refresh_repeat", "vrrp_garp_master_repeat",
            "vrrp_gna_interval", "vrrp_higher_prio_send_advert", "vrrp_ipsets", "vrrp_iptables",
            "vrrp_lower_prio_no_advert", "vrrp_mcast_group4", "vrrp_mcast_group6", "vrrp_min_garp",
            "vrrp_netlink_cmd_rcv_bufs", "vrrp_netlink_cmd_rcv_bufs_force", "vrrp_netlink_monitor_rcv_bufs",
            "vrrp_netlink_monitor_rcv_bufs_force", "vrrp_no_swap", "vrrp_notify_fifo",
            "vrrp_notify_fifo_script", "vrrp_notify_priority_changes", "vrrp_priority", "vrrp_process_name",
            "vrrp_rlimit_rtime", "vrrp_rlimit_rttime", "vrrp_rt_priority", "vrrp_rx_bufs_multiplier",
            "vrrp_rx_bufs_policy", "vrrp_skip_check_adv_addr", "vrrp_startup_delay", "vrrp_strict",
            "vrrp_version", "vrrp_vmac_garp_intvl");

    /** Keywords inside vrrp_instance, vrrp_sync_group, vrrp_script, vrrp_track_file, vrrp_track_process. */
    static final Set<String> VRRP = Set.of(
            "accept", "advert_int", "auth_pass", "auth_type", "authentication", "check_unicast_src",
            "debug", "delay", "dont_track_primary", "down_timer_adverts", "fall", "file", "fork_delay",
            "full_command", "garp_extra_if", "garp_interval", "garp_lower_prio_delay",
            "garp_lower_prio_repeat", "garp_master_delay", "garp_master_refresh",
            "garp_master_refresh_repeat", "garp_master_repeat", "global_tracking", "gna_interval", "group",
            "higher_prio_send_advert", "init_fail", "init_file", "interface", "interfaces", "interval",
            "kernel_rx_buf_size", "linkbeat_use_polling", "lower_prio_no_advert",
            "lvs_sync_daemon_interface", "mcast_dst_ip", "mcast_src_ip", "native_ipv6", "no_accept",
            "nopreempt", "notify", "notify_backup", "notify_deleted", "notify_fault", "notify_master",
            "notify_master_rx_lower_pri", "notify_priority_changes", "notify_stop", "old_unicast_checksum",
            "param_match", "preempt", "preempt_delay", "priority", "process", "promote_secondaries",
            "quorum", "quorum_max", "rise", "script", "skip_check_adv_addr", "smtp_alert", "state",
            "strict_mode", "sync_group_tracking_weight", "terminate_delay", "timeout", "track_bfd",
            "track_file", "track_interface", "track_process", "track_script", "track_src_ip",
            "unicast_fault_no_peer", "unicast_peer", "unicast_src_ip", "unicast_ttl", "use_ipvlan",
            "use_vmac", "use_vmac_addr", "user", "version", "virtual_ipaddress",
            "virtual_ipaddress_excluded", "virtual_router_id", "virtual_routes", "virtual_rules",
            "vmac_garp_intvl", "vmac_xmit_base", "vrf", "weight");

    private KeepalivedKeywords() {
    }
}
