package io.hakeeper.engine.config;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.hakeeper.api.VirtualAddress;
import io.hakeeper.api.VirtualRoute;
import io.hakeeper.engine.config.TomlSettings.Element;
import io.hakeeper.engine.config.model.Family;

/**
 * An instance's addresses and the rules between them: its family is decided by the first VIP (else the
 * first source or peer address, else IPv4); the VIPs, unicast_src_ip, mcast_src_ip and unicast_peer must
 * all be of that family (the excluded VIPs need not: they are never in an advert); and an IPv6 instance
 * that sends by multicast must have a link-local first VIP (RFC 5798 section 5.2.9).
 */
final class InstanceAddresses {

    private final List<Located<VirtualAddress>> vips;
    private final Optional<Located<InetAddress>> mcastSrc;
    private final Optional<Located<InetAddress>> unicastSrc;
    private final List<Located<InetAddress>> peers;
    private final Family family;

    private InstanceAddresses(List<Located<VirtualAddress>> vips, Optional<Located<InetAddress>> mcastSrc,
                              Optional<Located<InetAddress>> unicastSrc, List<Located<InetAddress>> peers) {
        this.vips = vips;
        this.mcastSrc = mcastSrc;
        this.unicastSrc = unicastSrc;
        this.peers = peers;
        this.family = decideFamily();
    }

    static InstanceAddresses read(SectionReader in) {
        return new InstanceAddresses(parseEach(in, InstanceSchema.VIRTUAL_IPADDRESS, VirtualAddressParser::parse),
                in.address(InstanceSchema.MCAST_SRC_IP), in.address(InstanceSchema.UNICAST_SRC_IP),
                in.addresses(InstanceSchema.UNICAST_PEER));
    }

    /** Parses each string of an array key in a small language of its own (VIPs, routes). */
    static <T> List<Located<T>> parseEach(SectionReader in, KeySpec key, Function<String, Parsed<T>> parser) {
        List<Located<T>> parsed = new ArrayList<>();
        for (Element element : in.elements(key)) {
            if (!(element.value() instanceof String text)) {
                in.log().error(element.position(), element.path(), "expected a string, got "
                        + TomlSettings.describe(element.value()));
                continue;
            }
            Parsed<T> result = parser.apply(text);
            result.value().ifPresentOrElse(v -> parsed.add(new Located<>(v, element.path(), element.position())),
                    () -> in.log().error(element.position(), element.path(), result.problem()));
        }
        return parsed;
    }

    static List<VirtualRoute> routes(SectionReader in) {
        return values(parseEach(in, InstanceSchema.VIRTUAL_ROUTES, VirtualRouteParser::parse));
    }

    static List<VirtualAddress> excluded(SectionReader in) {
        return values(parseEach(in, InstanceSchema.VIRTUAL_IPADDRESS_EXCLUDED, VirtualAddressParser::parse));
    }

    private Family decideFamily() {
        if (!vips.isEmpty()) {
            return Family.of(vips.get(0).value().address());
        }
        return firstOther().map(a -> Family.of(a.value())).orElse(Family.IPV4);
    }

    private Optional<Located<InetAddress>> firstOther() {
        return unicastSrc.or(() -> mcastSrc).or(() -> peers.stream().findFirst());
    }

    Family family() {
        return family;
    }

    boolean unicast() {
        return !peers.isEmpty();
    }

    /** Reports every address of the other family, and a global first VIP on a multicast IPv6 instance. */
    void check(ProblemLog log) {
        String decidedBy = vips.isEmpty() ? "the instance's first address" : "the first virtual_ipaddress";
        for (Located<VirtualAddress> vip : vips) {
            checkFamily(vip.value().address(), vip.path(), vip, decidedBy, log);
        }
        List<Located<InetAddress>> others = new ArrayList<>();
        unicastSrc.ifPresent(others::add);
        mcastSrc.ifPresent(others::add);
        others.addAll(peers);
        for (Located<InetAddress> other : others) {
            checkFamily(other.value(), other.path(), other, decidedBy, log);
        }
        if (family == Family.IPV6 && !unicast() && !vips.isEmpty()) {
            Located<VirtualAddress> first = vips.get(0);
            if (!first.value().address().isLinkLocalAddress()) {
                log.error(first.position(), first.path(), "expected a link-local (fe80::/10) address as the first"
                        + " VIP of an IPv6 instance (RFC 5798), got " + IpLiteral.format(first.value().address()));
            }
        }
    }

    private void checkFamily(InetAddress address, String path, Located<?> at, String decidedBy, ProblemLog log) {
        if (Family.of(address) != family) {
            log.error(at.position(), path, "expected an " + family + " address like " + decidedBy + ", got "
                    + Family.of(address) + " address " + IpLiteral.format(address));
        }
    }

    List<VirtualAddress> vips() {
        return values(vips);
    }

    Optional<InetAddress> mcastSrc() {
        return mcastSrc.map(Located::value);
    }

    Optional<InetAddress> unicastSrc() {
        return unicastSrc.map(Located::value);
    }

    List<InetAddress> peers() {
        return values(peers);
    }

    private static <T> List<T> values(List<Located<T>> located) {
        return located.stream().map(Located::value).toList();
    }
}
