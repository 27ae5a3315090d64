package io.hakeeper.engine.vrrp;

import java.net.InetAddress;
import java.net.UnknownHostException;

import io.hakeeper.engine.vrrp.packet.AdvertView;

/** Log text for a framed advert; only for the rate-limited rejection lines, never per packet. */
final class AdvertDescription {

    private AdvertDescription() {
    }

    /** "VRRPv2 VRID 51 priority 100 from 192.168.1.10 to 224.0.0.18, TTL 255". */
    static String of(AdvertView view) {
        return "VRRPv" + view.version() + " VRID " + view.vrid() + " priority " + view.priority()
                + " from " + source(view) + " to " + destination(view) + ", TTL " + view.ttl();
    }

    private static String source(AdvertView view) {
        byte[] address = new byte[view.addressLength()];
        view.copySource(address);
        return text(address);
    }

    private static String destination(AdvertView view) {
        byte[] address = new byte[view.addressLength()];
        view.copyDestination(address);
        return text(address);
    }

    private static String text(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("the view holds 4 or 16 address bytes", e);
        }
    }
}
