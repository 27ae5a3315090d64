package io.hakeeper.engine.demo;

/** What the chaos soak does to a router, and (in its description) when that fault counts as healed. */
enum SoakFaultKind {

    LINK_FLAP("link flap", "link down 0.3-2.5 s; healed when the link is up again (carrier on both ends)"),
    PARTITION("partition", "the router's switch port stops forwarding for 1-4 s, its link stays up; healed when it forwards again"),
    KILL_RESTART("kill -9, restart", "SIGKILL for everything in the router, restart 0-1.5 s later; healed when its raw VRRP sockets are open"),
    SIGSTOP_MASTER("SIGSTOP master", "SIGSTOP for a virtual router's master, 2 x Master_Down_Interval, then SIGCONT; healed at SIGCONT"),
    RELOAD_UNCHANGED("reload, unchanged", "a comment added, ha-admin reload: nothing may change"),
    RELOAD_CHANGED("reload, changed", "an instance's priority or a global_defs key changed, reload"),
    RELOAD_BROKEN("reload, broken", "a file that does not parse, reload: refused, the old configuration runs on"),
    RELOAD_FAILING_START("reload, fails at start", "a valid file whose daemon cannot start (soak-fail-start VIP backend): refused, the old one runs on"),
    CHECK_FLAP("check flaps", "VI_A's tracked check (weight -50) goes down and up 3-6 times; healed one check interval after it is up for good"),
    NOTIFIER_HANG("notifier hangs", "the router's next notify call sleeps 45 s (killed at the 30 s limit) while its link flaps; healed with the link"),
    VIP_HANG("VIP call hangs", "the master's next VIP backend call for VI_A's VIP sleeps 20 s while its link flaps; healed when the daemon has timed the call out (stats: vip_backend.timeouts)"),
    INTERFACE_RECREATE("interface deleted, created", "eth0 deleted, created again 0.5-2 s later (new ifindex); healed when it has carrier"),
    ADDRESS_REMOVED("address removed", "the router's IPv4 address (and with it the VIPs of its subnet) or IPv6 link-local address removed for 0.5-3 s; healed when added back");

    private final String label;
    private final String description;

    SoakFaultKind(String label, String description) {
        this.label = label;
        this.description = description;
    }

    String label() {
        return label;
    }

    String description() {
        return description;
    }
}
