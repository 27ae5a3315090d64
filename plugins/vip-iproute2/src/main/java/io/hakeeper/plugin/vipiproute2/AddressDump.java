package io.hakeeper.plugin.vipiproute2;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.hakeeper.api.VirtualAddress;

/**
 * Collects the RTM_NEWADDR messages of an address dump that belong to one interface, as
 * {@link AddressListing} reads them from {@code ip}: address (IFA_LOCAL, else IFA_ADDRESS, which is all
 * IPv6 has), prefix length, broadcast, scope name and label, the device left empty, and a label equal to
 * the interface's own name left empty; and each one's protocol (IFA_PROTO, 0 when the kernel sends none),
 * which tells hakeeper's VIPs from the host's addresses.
 */
final class AddressDump implements RtReplies.Handler {

    private static final int IFADDRMSG_LENGTH = 8;

    private final int index;
    private final String interfaceName;
    private final List<VirtualAddress> addresses = new ArrayList<>();
    private final List<Integer> protocols = new ArrayList<>();

    AddressDump(int index, String interfaceName) {
        this.index = index;
        this.interfaceName = interfaceName;
    }

    List<VirtualAddress> addresses() {
        return List.copyOf(addresses);
    }

    /** The protocol of the entry with the same address and prefix length, or {@link NetlinkAddresses#ABSENT}. */
    int protocolOf(VirtualAddress wanted) {
        for (int i = 0; i < addresses.size(); i++) {
            VirtualAddress present = addresses.get(i);
            if (present.address().equals(wanted.address()) && present.prefixLength() == wanted.prefixLength()) {
                return protocols.get(i);
            }
        }
        return NetlinkAddresses.ABSENT;
    }

    @Override
    public void message(short type, ByteBuffer datagram, int start, int end) throws IOException {
        if (type != RtRequests.RTM_NEWADDR || end - start < IFADDRMSG_LENGTH
                || datagram.getInt(start + 4) != index || !isInet(datagram.get(start))) {
            return;
        }
        int prefixLength = datagram.get(start + 1) & 0xFF;
        int scope = datagram.get(start + 3) & 0xFF;
        byte[] local = null;
        byte[] address = null;
        Optional<String> broadcast = Optional.empty();
        Optional<String> label = Optional.empty();
        int protocol = 0;
        int at = start + IFADDRMSG_LENGTH;
        while (end - at >= 4) {
            int length = datagram.getShort(at) & 0xFFFF;
            if (length < 4 || length > end - at) {
                throw new IOException("an address attribute of length " + length + " does not fit its message");
            }
            byte[] payload = new byte[length - 4];
            datagram.get(at + 4, payload);
            switch (datagram.getShort(at + 2)) {
                case RtRequests.IFA_LOCAL -> local = payload;
                case RtRequests.IFA_ADDRESS -> address = payload;
                case RtRequests.IFA_BROADCAST -> broadcast = Optional.of(literal(payload));
                case RtRequests.IFA_LABEL -> label = Optional.of(cString(payload))
                        .filter(name -> !name.equals(interfaceName));
                case RtRequests.IFA_PROTO -> protocol = payload.length > 0 ? payload[0] & 0xFF : 0;
                default -> {
                    // lifetimes, flags: not part of a VirtualAddress
                }
            }
            at += (length + 3) & ~3;
        }
        byte[] own = local != null ? local : address;
        if (own == null) {
            return;
        }
        addresses.add(new VirtualAddress(address(own), prefixLength, Optional.empty(), broadcast,
                Optional.of(Scopes.name(scope)), label));
        protocols.add(protocol);
    }

    /** AF_INET or AF_INET6, the families {@code ip -j addr show} reports as inet and inet6. */
    private static boolean isInet(byte family) {
        return family == RtRequests.AF_INET || family == RtRequests.AF_INET6;
    }

    private static String literal(byte[] bytes) throws IOException {
        return address(bytes).getHostAddress();
    }

    private static InetAddress address(byte[] bytes) throws IOException {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IOException("an address attribute of " + bytes.length + " bytes", e);
        }
    }

    private static String cString(byte[] bytes) {
        int length = 0;
        while (length < bytes.length && bytes[length] != 0) {
            length++;
        }
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
}
