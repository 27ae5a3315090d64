package io.hakeeper.engine.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An address added to or removed from an interface (RTM_NEWADDR / RTM_DELADDR): a reusable view, filled
 * by {@link LinkWatch} and valid only during the {@link LinkListener#address} call. It tells, for
 * example, that an IPv6 interface now has the link-local address its adverts must come from, and whether
 * duplicate address detection still holds it back ({@link #tentative}).
 */
public final class AddressEvent {

    static final int IFA_F_SECONDARY = 0x01;
    static final int IFA_F_TENTATIVE = 0x40;

    private final byte[] address = new byte[16];
    private boolean added;
    private int family;
    private int index;
    private String name;
    private int prefixLength;
    private int flags;
    private int length;
    private boolean fromDump;

    void set(boolean added, int family, int index, String name, int prefixLength, int flags, boolean fromDump) {
        this.added = added;
        this.family = family;
        this.index = index;
        this.name = name;
        this.prefixLength = prefixLength;
        this.flags = flags;
        this.fromDump = fromDump;
        this.length = 0;
    }

    /** {@code IFA_FLAGS}: all 32 bits, where {@code ifa_flags} has only the low 8. */
    void flags(int allFlags) {
        this.flags = allFlags;
    }

    /** The buffer the parser copies the address into (4 or 16 bytes used). */
    byte[] addressBuffer(int addressLength) {
        length = addressLength;
        return address;
    }

    /** Added (RTM_NEWADDR, also for a change of flags) rather than removed (RTM_DELADDR). */
    public boolean added() {
        return added;
    }

    /** 2 (AF_INET) or 10 (AF_INET6). */
    public int family() {
        return family;
    }

    public int index() {
        return index;
    }

    /** The interface name if it is a watched interface the watch has seen, else null (match on {@link #index}). */
    public String name() {
        return name;
    }

    public int prefixLength() {
        return prefixLength;
    }

    /** {@code IFA_F_*} flags, from {@code IFA_FLAGS} when the kernel sends it (it has all 32 bits). */
    public int flags() {
        return flags;
    }

    /** IPv4 rather than IPv6. */
    public boolean ipv4() {
        return family == Linux.AF_INET;
    }

    /** Not the interface's primary address of its subnet (IPv4): the kernel sends from a primary one. */
    public boolean secondary() {
        return (flags & IFA_F_SECONDARY) != 0;
    }

    /** Still under duplicate address detection: the kernel will not send from it yet. */
    public boolean tentative() {
        return (flags & IFA_F_TENTATIVE) != 0;
    }

    public boolean fromDump() {
        return fromDump;
    }

    /** How many bytes {@link #copyAddress} copies: 4, 16, or 0 when the message carried no address. */
    public int addressLength() {
        return length;
    }

    /** Copies the address (network order) into {@code into} at 0; allocation-free. */
    public void copyAddress(byte[] into) {
        System.arraycopy(address, 0, into, 0, length);
    }

    /** The address as an InetAddress (allocates: for logs and tests). */
    public InetAddress address() {
        try {
            return length == 0 ? null : InetAddress.getByAddress(java.util.Arrays.copyOf(address, length));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // 4 or 16 bytes: cannot happen
        }
    }

    @Override
    public String toString() {
        return (added ? "address added " : "address removed ") + address() + "/" + prefixLength + " on "
                + (name != null ? name : "#" + index) + (tentative() ? " (tentative)" : "") + (fromDump ? " (dump)" : "");
    }
}
