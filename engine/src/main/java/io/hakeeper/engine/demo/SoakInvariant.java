package io.hakeeper.engine.demo;

/** What the soak holds the routers to, and which witness judges it. */
enum SoakInvariant {

    ONE_MASTER("one master per virtual router, from heal + Master_Down_Interval + 100 ms", "capture"),
    RIGHTFUL_MASTER("that master is the router with the highest priority", "capture"),
    ONE_MAC("the VIP answered from one MAC, the master's", "capture"),
    VIP_ANSWERS("the VIP never silent longer than Master_Down_Interval + 100 ms", "pings"),
    NO_EXIT("no hakeeperd exits or stops answering unless killed", "processes, control socket"),
    TRANSITION_CAUSE("every transition logged with a cause", "daemon logs"),
    NOTIFY_ORDER("notifications per instance in the order of the transitions", "notifier output, logs"),
    RELOAD_ANSWER("reloads answered as documented (kept, applied or refused)", "control socket"),
    HEALED("the fault healed (link up, raw socket open, hung call timed out)", "lab");

    private final String text;
    private final String witness;

    SoakInvariant(String text, String witness) {
        this.text = text;
        this.witness = witness;
    }

    String text() {
        return text;
    }

    String witness() {
        return witness;
    }
}
