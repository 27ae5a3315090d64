package io.hakeeper.engine.net;

/**
 * What the kernel said about one network interface: a reusable view, filled by {@link LinkWatch} and
 * valid only during the {@link LinkListener#link} call that hands it over (copy what you keep). The
 * kernel repeats itself: it sends a {@link Kind#NEW} message for many changes that VRRP does not care
 * about (MTU, addresses, statistics), so the same up/running state may arrive several times in a row;
 * compare with what you knew.
 *
 * <p>"Up" for VRRP ({@link #isUp}) means administratively up ({@code IFF_UP}) and running
 * ({@code IFF_RUNNING}): the kernel sets RUNNING only while the interface's operational state is up, which
 * for an Ethernet or veth interface means it has carrier. So {@code ip link set eth0 down} on the node
 * clears both, while a veth whose peer is set down (a cable pulled at the switch end) stays UP but loses
 * RUNNING ({@code LOWER_UP} gone, operstate {@code DOWN}, or {@code LOWERLAYERDOWN} on some kernels): the
 * lab's {@code linkDown(node)} is the first case, setting the switch port down the second.
 */
public final class LinkEvent {

    /** How the interface's existence stands. */
    public enum Kind {
        /** RTM_NEWLINK: the interface exists, with the flags and state given (new, changed, or dumped). */
        NEW,
        /** RTM_DELLINK: the interface was deleted (or moved to another network namespace). */
        DELETED,
        /**
         * A watched name that a complete dump did not contain: absent at start, or gone while notifications
         * were lost. Only for watched names; the index is 0.
         */
        ABSENT
    }

    /** {@code IF_OPER_*} from RFC 2863 as Linux numbers it ({@code <linux/if.h>}). */
    public static final int OPER_UNKNOWN = 0;
    public static final int OPER_DOWN = 2;
    public static final int OPER_LOWER_LAYER_DOWN = 3;
    public static final int OPER_UP = 6;
    /** No {@code IFLA_OPERSTATE} attribute in the message. */
    public static final int OPER_NOT_GIVEN = -1;

    static final int IFF_UP = 0x1;
    static final int IFF_RUNNING = 0x40;
    static final int IFF_LOWER_UP = 0x10000;

    private Kind kind;
    private String name;
    private int index;
    private int flags;
    private int operState;
    private boolean fromDump;
    private boolean watched;

    LinkEvent set(Kind kind, String name, int index, int flags, int operState, boolean fromDump, boolean watched) {
        this.kind = kind;
        this.name = name;
        this.index = index;
        this.flags = flags;
        this.operState = operState;
        this.fromDump = fromDump;
        this.watched = watched;
        return this;
    }

    public Kind kind() {
        return kind;
    }

    /** The interface name; for a watched name, the very String the watch was given (no copy per message). */
    public String name() {
        return name;
    }

    /** The kernel's interface index, or 0 for {@link Kind#ABSENT}. */
    public int index() {
        return index;
    }

    /** {@code ifi_flags} ({@code IFF_*}); 0 unless {@link Kind#NEW} or {@link Kind#DELETED}. */
    public int flags() {
        return flags;
    }

    /** {@code IFLA_OPERSTATE} ({@code OPER_*}), or {@link #OPER_NOT_GIVEN}. */
    public int operState() {
        return operState;
    }

    /** Whether it came from a dump (the watch's first look, or a resynchronisation), not a live change. */
    public boolean fromDump() {
        return fromDump;
    }

    /** Whether the name is one the watch was opened for. */
    public boolean watched() {
        return watched;
    }

    /** The interface exists: {@link Kind#NEW}. */
    public boolean exists() {
        return kind == Kind.NEW;
    }

    /** Usable for VRRP: it exists, is administratively up and running (has carrier). */
    public boolean isUp() {
        return exists() && adminUp() && running();
    }

    /** {@code IFF_UP}: set up by the administrator. */
    public boolean adminUp() {
        return (flags & IFF_UP) != 0;
    }

    /** {@code IFF_RUNNING}: operationally up, for Ethernet and veth: carrier. */
    public boolean running() {
        return (flags & IFF_RUNNING) != 0;
    }

    /** {@code IFF_LOWER_UP}: the driver reports carrier. */
    public boolean lowerUp() {
        return (flags & IFF_LOWER_UP) != 0;
    }

    @Override
    public String toString() {
        return "link " + name + "#" + index + " " + kind + (kind == Kind.NEW
                ? (adminUp() ? " UP" : " down") + (running() ? " RUNNING" : "") + (lowerUp() ? " LOWER_UP" : "")
                        + " operstate " + operState
                : "") + (fromDump ? " (dump)" : "");
    }
}
