package io.hakeeper.plugin.garp;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.hakeeper.api.Announcer;

/**
 * Sends keepalived's announcements ({@link AnnouncementFrames}), one frame per address per call, on a
 * {@link Link} per interface: a pcap handle or a packet socket, whichever {@link Links} it is given. The
 * engine decides when and how often; this class only sends.
 *
 * <p>One link per interface, opened on first use (or at the engine's warm-up) in the calling thread's
 * network namespace and kept until {@link #close()}. A send that fails drops the link and opens a fresh
 * one for a second try (the interface may have been deleted and created again). The interface's IPv6
 * forwarding flag is read on every call, so a host that became a router is announced correctly; its MAC
 * at most once a second, after sending ({@link MacAddresses}), and again after a failed send.
 *
 * <p>Thread-safe: the engine's workers may announce on several interfaces at once; calls are serialised,
 * which costs nothing next to the engine's intervals between announcements.
 */
final class FrameAnnouncer implements Announcer {

    /** What the kernel shows for an interface without a hardware address (loopback). */
    private static final byte[] NO_MAC = new byte[6];
    /** A locally administered MAC and addresses of documentation ranges: the warm-up's frames, never sent. */
    private static final byte[] WARM_UP_MAC = {0x02, 0, 0, 0, 0, 1};
    private static final Inet4Address WARM_UP_IPV4 = (Inet4Address) literal("192.0.2.1");
    private static final Inet6Address WARM_UP_IPV6 = (Inet6Address) literal("2001:db8::1");

    private final Links links;
    private final Map<String, Link> open = new HashMap<>();
    private final MacAddresses macs = new MacAddresses(FrameAnnouncer::readMac, System::nanoTime);
    private boolean closed;
    /** The rehearsals' link ({@link #rehearse}), made at the first. */
    private Link nowhere;

    FrameAnnouncer(Links links) {
        this.links = links;
    }

    @Override
    public synchronized void announce(String interfaceName, List<InetAddress> addresses) throws IOException {
        if (closed) {
            throw new IllegalStateException("announcer is closed; cannot announce on " + interfaceName);
        }
        if (addresses.isEmpty()) {
            prepare(interfaceName);
            return;
        }
        announce(interfaceName, addresses, null);
    }

    /**
     * {@link #announce}'s own path, each frame handed to a link that sends nowhere (a packet socket's send on
     * no descriptor, which the kernel refuses): the interface's MAC and forwarding flag read, the frames
     * built, the send's native call made. Nothing leaves.
     */
    @Override
    public synchronized void rehearse(String interfaceName, List<InetAddress> addresses) throws IOException {
        if (closed || addresses.isEmpty()) {
            return;
        }
        if (nowhere == null) {
            nowhere = links.nowhere();
        }
        announce(interfaceName, addresses, nowhere);
    }

    /** One message per address on the interface's link, or on {@code rehearsal} (a link that sends nowhere). */
    private void announce(String interfaceName, List<InetAddress> addresses, Link rehearsal) throws IOException {
        byte[] mac = macs.last(interfaceName);
        // read only for a neighbour advertisement: a file read per call adds up over a burst of 1,000 GARPs
        boolean router = hasIpv6(addresses) && forwardsIpv6(interfaceName);
        send(interfaceName, mac, addresses, router, rehearsal);
        // the MAC is checked after the frames are out, not before: a read there was a good part of the time
        // from a new master's first advert to its first gratuitous ARP. A MAC that changed (a bond's active
        // slave, an address set by hand) is announced again at once, so clients end on the right one.
        byte[] changed;
        try {
            changed = macs.changedFrom(mac, interfaceName);
        } catch (IOException e) {
            macs.forget(interfaceName); // the next call reads it first, and reports what is wrong
            return;
        }
        if (changed != null) {
            send(interfaceName, changed, addresses, router, rehearsal);
        }
    }

    private void send(String interfaceName, byte[] mac, List<InetAddress> addresses, boolean router, Link rehearsal)
            throws IOException {
        Link link = rehearsal != null ? rehearsal : link(interfaceName);
        for (InetAddress address : addresses) {
            byte[] frame = frame(mac, address, router);
            try {
                link.send(frame);
            } catch (IOException stale) {
                if (rehearsal != null) {
                    continue; // EBADF: what a link that sends nowhere answers
                }
                // a link opened before the interface went down and up again, or was made anew: reopen once
                forget(interfaceName);
                link = link(interfaceName);
                try {
                    link.send(frame);
                } catch (IOException e) {
                    forget(interfaceName);
                    throw new IOException("cannot send " + (address instanceof Inet4Address ? "gratuitous ARP"
                            : "unsolicited neighbour advertisement") + " for " + address.getHostAddress() + " on "
                            + interfaceName + ": " + e.getMessage(), e);
                }
            }
        }
    }

    private static byte[] frame(byte[] mac, InetAddress address, boolean router) {
        if (address instanceof Inet4Address ipv4) {
            return AnnouncementFrames.gratuitousArp(mac, ipv4);
        }
        if (address instanceof Inet6Address ipv6) {
            return AnnouncementFrames.unsolicitedNeighbourAdvert(mac, ipv6, router);
        }
        throw new IllegalArgumentException("neither IPv4 nor IPv6: " + address);
    }

    /**
     * The engine's warm-up, so that the first takeover waits for none of this: both kinds of frame built
     * once and thrown away and the links' sending code run on nothing (which loads and links that code,
     * first, so that it is done even when the interface is missing, as in the daemon's class-data-sharing
     * training), the link opened, the MAC read. Nothing is sent. An interface without a MAC is left for the first
     * announcement to report.
     */
    private void prepare(String interfaceName) throws IOException {
        AnnouncementFrames.gratuitousArp(WARM_UP_MAC, WARM_UP_IPV4);
        AnnouncementFrames.unsolicitedNeighbourAdvert(WARM_UP_MAC, WARM_UP_IPV6, forwardsIpv6(interfaceName));
        links.warmUp();
        link(interfaceName);
        try {
            macs.last(interfaceName);
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
        for (String interfaceName : List.copyOf(open.keySet())) {
            forget(interfaceName);
        }
    }

    private Link link(String interfaceName) throws IOException {
        Link link = open.get(interfaceName);
        if (link != null && link.isOpen()) {
            return link;
        }
        link = links.open(interfaceName);
        open.put(interfaceName, link);
        return link;
    }

    private void forget(String interfaceName) {
        macs.forget(interfaceName);
        Link link = open.remove(interfaceName);
        if (link != null && link.isOpen()) {
            link.close();
        }
    }

    /** The interface's MAC, from {@code /sys/class/net/NAME/address}. */
    static byte[] readMac(String interfaceName) throws IOException {
        String text = SysClassNet.read(interfaceName, "address", "Ethernet address");
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
