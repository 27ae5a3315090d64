package io.hakeeper.plugin.garp;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.pcap4j.core.BpfProgram.BpfCompileMode;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface.PromiscuousMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hakeeper.api.Announcer;

/**
 * Sends keepalived's announcements ({@link AnnouncementFrames}) through libpcap, one frame per address
 * per call. The engine decides when and how often; this class only sends.
 *
 * <p>One pcap handle per interface, opened on first use in the calling thread's network namespace and
 * kept until {@link #close()}. The handle is there to send: a filter that rejects every packet keeps the
 * kernel from copying the interface's traffic into its capture buffer. A send that fails drops the
 * handle, so that the next call opens a fresh one (the interface may have been deleted and created
 * again). The interface's IPv6 forwarding flag is read on every call, so a host that became a router is
 * announced correctly; its MAC at most once a second ({@link MacAddresses}), and again after a failed send.
 *
 * <p>Thread-safe: the engine's workers may announce on several interfaces at once; calls are serialised,
 * which costs nothing next to the engine's intervals between announcements.
 */
final class Pcap4jAnnouncer implements Announcer {

    private static final Logger LOG = LoggerFactory.getLogger(Pcap4jAnnouncer.class);

    private static final int SNAPLEN = 128;
    private static final int READ_TIMEOUT_MILLIS = 100;
    // The handle only sends, yet libpcap maps a receive ring for it: 2 MiB by default (TPACKET_V3's 256 KiB
    // blocks), every page of it resident, one per interface (8 MiB of a daemon's memory on four interfaces).
    // Immediate mode takes TPACKET_V2, whose ring is sized by this buffer: one page.
    private static final int RING_BYTES = 4096;
    // Never true; compiled unoptimised, because libpcap's optimiser refuses a filter that rejects everything.
    private static final String REJECT_ALL = "ether[0] & 0 != 0";
    private static final Path SYS_CLASS_NET = Path.of("/sys/class/net");
    /** What the kernel shows for an interface without a hardware address (loopback). */
    private static final byte[] NO_MAC = new byte[6];
    /** A locally administered MAC and addresses of documentation ranges: the warm-up's frames, never sent. */
    private static final byte[] WARM_UP_MAC = {0x02, 0, 0, 0, 0, 1};
    private static final Inet4Address WARM_UP_IPV4 = (Inet4Address) literal("192.0.2.1");
    private static final Inet6Address WARM_UP_IPV6 = (Inet6Address) literal("2001:db8::1");

    private final Map<String, PcapHandle> handles = new HashMap<>();
    private final MacAddresses macs = new MacAddresses(Pcap4jAnnouncer::readMac, System::nanoTime);
    private boolean closed;

    @Override
    public synchronized void announce(String interfaceName, List<InetAddress> addresses) throws IOException {
        if (closed) {
            throw new IllegalStateException("announcer is closed; cannot announce on " + interfaceName);
        }
        if (addresses.isEmpty()) {
            prepare(interfaceName);
            return;
        }
        byte[] mac = macs.of(interfaceName);
        // read only for a neighbour advertisement: a file read per call adds up over a burst of 1,000 GARPs
        boolean router = hasIpv6(addresses) && forwardsIpv6(interfaceName);
        PcapHandle handle = handle(interfaceName);
        for (InetAddress address : addresses) {
            byte[] frame;
            String what;
            if (address instanceof Inet4Address ipv4) {
                frame = AnnouncementFrames.gratuitousArp(mac, ipv4);
                what = "gratuitous ARP";
            } else if (address instanceof Inet6Address ipv6) {
                frame = AnnouncementFrames.unsolicitedNeighbourAdvert(mac, ipv6, router);
                what = "unsolicited neighbour advertisement";
            } else {
                throw new IllegalArgumentException("neither IPv4 nor IPv6: " + address);
            }
            try {
                handle.sendPacket(frame);
            } catch (PcapNativeException | NotOpenException stale) {
                // a handle opened before the link went down and up again sends into nothing: reopen once
                forget(interfaceName);
                handle = handle(interfaceName);
                try {
                    handle.sendPacket(frame);
                } catch (PcapNativeException | NotOpenException e) {
                    forget(interfaceName);
                    throw new IOException("cannot send " + what + " for " + address.getHostAddress() + " on "
                            + interfaceName + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /**
     * The engine's warm-up, so that the first takeover waits for none of this: both kinds of frame built
     * once and thrown away (which loads and links the code that builds them, first, so that it is done even
     * when the interface is missing, as in the daemon's class-data-sharing training), the handle opened
     * (libpcap), the MAC read. Nothing is sent. An interface without a MAC is left for the first
     * announcement to report.
     */
    private void prepare(String interfaceName) throws IOException {
        AnnouncementFrames.gratuitousArp(WARM_UP_MAC, WARM_UP_IPV4);
        AnnouncementFrames.unsolicitedNeighbourAdvert(WARM_UP_MAC, WARM_UP_IPV6, forwardsIpv6(interfaceName));
        handle(interfaceName);
        try {
            macs.of(interfaceName);
        } catch (IOException e) {
            // the first announcement reports it, where it belongs
        }
    }

    private static boolean hasIpv6(List<InetAddress> addresses) {
        for (InetAddress address : addresses) {
            if (address instanceof Inet6Address) {
                return true;
            }
        }
        return false;
    }

    @Override
    public synchronized void close() {
        closed = true;
        for (String interfaceName : List.copyOf(handles.keySet())) {
            forget(interfaceName);
        }
    }

    private PcapHandle handle(String interfaceName) throws IOException {
        PcapHandle open = handles.get(interfaceName);
        if (open != null && open.isOpen()) {
            return open;
        }
        PcapHandle handle;
        try {
            handle = new PcapHandle.Builder(interfaceName)
                    .snaplen(SNAPLEN)
                    .promiscuousMode(PromiscuousMode.NONPROMISCUOUS)
                    .timeoutMillis(READ_TIMEOUT_MILLIS)
                    .bufferSize(RING_BYTES)
                    .immediateMode(true)
                    .build();
        } catch (PcapNativeException e) {
            throw new IOException("cannot open " + interfaceName + " with libpcap (needs CAP_NET_RAW): "
                    + e.getMessage(), e);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new IOException("cannot open " + interfaceName + ": libpcap is not loadable"
                    + " (Debian: apt-get install libpcap0.8): " + e.getMessage(), e);
        }
        try {
            handle.setFilter(REJECT_ALL, BpfCompileMode.NONOPTIMIZE);
        } catch (PcapNativeException | NotOpenException e) {
            // only a cost: the kernel keeps copying the interface's traffic to a buffer nobody reads
            LOG.warn("{}: cannot set the capture filter that ignores incoming traffic: {}", interfaceName,
                    e.getMessage());
        }
        handles.put(interfaceName, handle);
        LOG.info("{}: pcap handle opened for gratuitous ARP and neighbour advertisements", interfaceName);
        return handle;
    }

    private void forget(String interfaceName) {
        macs.forget(interfaceName);
        PcapHandle handle = handles.remove(interfaceName);
        if (handle != null && handle.isOpen()) {
            handle.close();
        }
    }

    /**
     * The interface's MAC from {@code /sys/class/net/NAME/address}: one small file of this network
     * namespace, where the JDK's {@code NetworkInterface.getByName} would list every address of the host
     * (with 1,000 VIPs on it, milliseconds per read, on the way to the first gratuitous ARP).
     */
    static byte[] readMac(String interfaceName) throws IOException {
        String text;
        try {
            text = Files.readString(SYS_CLASS_NET.resolve(interfaceName).resolve("address")).trim();
        } catch (NoSuchFileException e) {
            throw new IOException("no interface " + interfaceName + " in this network namespace", e);
        } catch (IOException e) {
            throw new IOException("cannot read the Ethernet address of interface " + interfaceName + ": "
                    + e.getMessage(), e);
        }
        byte[] mac;
        try {
            mac = text.isEmpty() ? new byte[0] : HexFormat.ofDelimiter(":").parseHex(text);
        } catch (IllegalArgumentException e) {
            mac = new byte[0];
        }
        if (mac.length != 6 || Arrays.equals(mac, NO_MAC)) {
            throw new IOException("interface " + interfaceName + " has no Ethernet address ("
                    + (text.isEmpty() ? "none" : text) + "); gratuitous ARP and neighbour advertisements need one");
        }
        return mac;
    }

    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address); // a literal: no name lookup
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** keepalived's rule for the Router flag: the interface's net.ipv6.conf.IF.forwarding. */
    private static boolean forwardsIpv6(String interfaceName) {
        Path flag = Path.of("/proc/sys/net/ipv6/conf", interfaceName, "forwarding");
        try {
            return !Files.readString(flag).trim().equals("0");
        } catch (IOException e) {
            return false; // no IPv6 on the interface: no advertisement will be sent
        }
    }
}
