package io.hakeeper.engine.daemon;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hakeeper.api.AuthMethod;
import io.hakeeper.api.AuthMethodFactory;
import io.hakeeper.api.PluginContext;
import io.hakeeper.api.VirtualAddress;
import io.hakeeper.engine.net.AdvertTransport;
import io.hakeeper.engine.config.model.Family;
import io.hakeeper.engine.config.model.GlobalDefs;
import io.hakeeper.engine.config.model.VrrpInstance;
import io.hakeeper.engine.net.NativeCallException;
import io.hakeeper.engine.net.RawVrrpSocket;
import io.hakeeper.engine.plugin.TypeRegistry;
import io.hakeeper.engine.runtime.InstanceRuntime;
import io.hakeeper.engine.runtime.VrrpRuntime;
import io.hakeeper.engine.vrrp.InstanceMachine;
import io.hakeeper.engine.vrrp.InstanceParameters;
import io.hakeeper.engine.vrrp.ReceiveExpectations;
import io.hakeeper.engine.vrrp.ReceiveLedger;
import io.hakeeper.engine.vrrp.TransitionCause;
import io.hakeeper.engine.vrrp.packet.AdvertEncoder;
import io.hakeeper.engine.vrrp.packet.AdvertSpec;

/**
 * Turns configured instances into running ones: opens (or shares) the raw socket of each interface, family
 * and IP protocol, finds the address adverts go out from, makes the auth method, and wires the machine,
 * its receive expectations, its encoder and its transport together.
 *
 * <p>An instance that cannot send (no socket, or no address on its interface to send from) is built all
 * the same, in FAULT for that cause. The IPv4 instances that send from their interface's primary address
 * (no mcast_src_ip / unicast_src_ip) are remembered by interface ({@link #followingPrimary}), so that an
 * address event costs the work of that interface's instances only, and none when it concerns none of them
 * ({@link PrimaryFollowers}).
 */
final class InstanceFactory {

    private static final Logger LOG = LoggerFactory.getLogger("hakeeper");
    private static final long LOG_INTERVAL_NANOS = 10_000_000_000L;

    record SocketKey(String interfaceName, Family family, int protocol) {
    }

    private final GlobalDefs globals;
    private final TypeRegistry registry;
    private final PluginContext context;
    private final VrrpRuntime runtime;
    private final Map<SocketKey, SocketReader> readers = new LinkedHashMap<>();
    private final SocketOpener opener;
    private final Map<String, SocketReader> readerByInstance = new LinkedHashMap<>();
    private final InterfaceAddresses addresses;
    /** IPv4 instances with a socket that send from their interface's primary address, by interface. */
    private final Map<String, PrimaryFollowers> followingPrimary = new HashMap<>();
    /** Sockets instances could not open, with how many instances wait for each. */
    private final Map<SocketKey, Integer> socketsMissing = new HashMap<>();
    private final Map<String, SocketKey> missingByInstance = new HashMap<>();

    /** Opens sockets; the daemon's opens real raw sockets, and reports why one could not be opened. */
    interface SocketOpener {
        SocketReader open(SocketKey key, VrrpRuntime runtime) throws NativeCallException;
    }

    /**
     * @param addresses the interfaces' addresses as the kernel last reported them (the link watch)
     */
    InstanceFactory(GlobalDefs globals, TypeRegistry registry, PluginContext context, VrrpRuntime runtime,
                    SocketOpener opener, InterfaceAddresses addresses) {
        this.addresses = addresses;
        this.globals = globals;
        this.registry = registry;
        this.context = context;
        this.runtime = runtime;
        this.opener = opener;
    }

    Map<SocketKey, SocketReader> readers() {
        return readers;
    }

    /** Stops routing adverts to an instance taken out of the runtime; its socket stays for the others. */
    void forget(InstanceRuntime instance) {
        SocketReader reader = readerByInstance.remove(instance.machine().parameters().name());
        if (reader != null) {
            reader.receiver().unregister(instance);
        }
        SocketKey missing = missingByInstance.remove(instance.machine().parameters().name());
        if (missing != null) {
            socketsMissing.computeIfPresent(missing, (key, count) -> count == 1 ? null : count - 1);
        }
        PrimaryFollowers following = followingPrimary.get(instance.interfaceName());
        if (following != null && following.remove(instance) && following.isEmpty()) {
            followingPrimary.remove(instance.interfaceName());
        }
    }

    /**
     * The IPv4 instances with a socket on {@code interfaceName} whose adverts come from its primary address
     * (or would, if it had one); null when there are none. Loop thread.
     */
    PrimaryFollowers followingPrimary(String interfaceName) {
        return followingPrimary.get(interfaceName);
    }

    /** Whether an instance on {@code interfaceName} has no socket (a new address may let it open one). */
    boolean socketMissingOn(String interfaceName) {
        return socketsMissing.keySet().stream().anyMatch(key -> key.interfaceName().equals(interfaceName));
    }

    boolean anySocketMissing() {
        return !socketsMissing.isEmpty();
    }

    /**
     * Tries once more to open each socket that instances lack (one try per socket, however many instances
     * wait for it); a socket that opens is kept for them, and its interface is returned so that they can
     * be started on it.
     */
    List<String> retryMissingSockets() {
        List<String> opened = new ArrayList<>();
        for (SocketKey key : List.copyOf(socketsMissing.keySet())) {
            if (readers.containsKey(key)) {
                opened.add(key.interfaceName());
                continue;
            }
            try {
                readers.put(key, opener.open(key, runtime));
                opened.add(key.interfaceName());
            } catch (NativeCallException e) {
                LOG.debug("{} {}: the VRRP socket still cannot be opened: {}", key.interfaceName(), key.family(),
                        e.getMessage());
            }
        }
        return opened;
    }

    /**
     * The sockets on {@code interfaceName} bound to another interface index than {@code index} (0: the
     * interface is gone, so all of them). A socket bound to an interface that was deleted neither sends
     * nor hears, even when an interface of the same name comes back. Looks at the sockets only.
     */
    List<SocketReader> staleSockets(String interfaceName, int index) {
        List<SocketReader> stale = new ArrayList<>();
        readers.forEach((key, reader) -> {
            if (key.interfaceName().equals(interfaceName) && reader.socket().interfaceIndex() != index) {
                stale.add(reader);
            }
        });
        return stale;
    }

    /**
     * Takes {@code stale} sockets out, for the caller to close once the instances using them are gone; the
     * next instance made on their interface opens a new one.
     */
    void dropSockets(List<SocketReader> stale) {
        readers.values().removeAll(stale);
    }

    static String label(VrrpInstance instance) {
        return instance.name() + " (VRID " + instance.virtualRouterId() + ", " + instance.family() + ")";
    }

    /**
     * An instance made and not yet running: in no runtime, no receiver routes adverts to it. Making may
     * fail (an auth plugin that throws); entering may not, so a reload that makes every arriving instance
     * before it touches a running one can stop half-way without changing anything.
     */
    record Made(VrrpInstance config, InstanceRuntime running, Optional<SocketReader> reader, SocketKey socket) {
    }

    InstanceRuntime create(VrrpInstance instance) {
        Made made = make(instance);
        enter(made);
        return made.running();
    }

    /**
     * Makes the instance's parts. A socket it opens joins {@link #readers()} at once, made or not, so that
     * the next instance on it shares it (and the loop reads it).
     */
    Made make(VrrpInstance instance) {
        String label = label(instance);
        Optional<AuthMethod> auth = instance.authentication().flatMap(a -> registry
                .find(AuthMethodFactory.class, a.authType())
                .map(type -> type.make(label + ": auth type", factory -> factory.create(a.settings(), context))));
        int protocol = auth.map(AuthMethod::ipProtocol).orElse(RawVrrpSocket.VRRP_PROTOCOL);
        SocketKey key = new SocketKey(instance.interfaceName(), instance.family(), protocol);
        SocketReader reader = readers.get(key);
        String socketError = null;
        if (reader == null) {
            try {
                reader = opener.open(key, runtime);
                readers.put(key, reader);
            } catch (NativeCallException e) {
                socketError = e.getMessage();
            }
        }
        if (reader != null) {
            warnIfNotOnInterface(instance, label);
        }
        Optional<byte[]> source = sourceAddress(instance, reader);
        byte[] primary = source.orElse(new byte[instance.family() == Family.IPV4 ? 4 : 16]);
        InstanceMachine machine = new InstanceMachine(InstanceParameters.from(instance, primary), runtime.actions());
        String cannotSend = null;
        if (reader == null) {
            cannotSend = "socket: " + socketError;
            machine.onCannotSend(TransitionCause.NO_SOCKET, 0);
        } else if (source.isEmpty()) {
            cannotSend = TransitionCause.NO_SOURCE_ADDRESS.text();
            machine.onCannotSend(TransitionCause.NO_SOURCE_ADDRESS, 0);
        }
        if (cannotSend != null) {
            LOG.error("{}: cannot send adverts on {}: {}; the instance stays in FAULT until it can", label,
                    instance.interfaceName(), cannotSend);
        }
        int intervalCs = (int) (instance.advertInt().toMillis() / 10);
        AdvertEncoder encoder = new AdvertEncoder(new AdvertSpec(instance.version(), instance.family(),
                instance.virtualRouterId(), intervalCs, advertised(instance), globals.v3ChecksumAsV2()), auth);
        InstanceRuntime running = new InstanceRuntime(label, instance.interfaceName(), machine,
                ReceiveExpectations.of(instance, globals, auth),
                new ReceiveLedger(label, machine.counters(), LOG_INTERVAL_NANOS), encoder,
                reader == null ? DeadTransport.INSTANCE : reader.socket(), primary, multicastGroup(instance.family()),
                peers(instance));
        running.cannotSend(cannotSend);
        return new Made(instance, running, Optional.ofNullable(reader), key);
    }

    /** Takes a made instance into the runtime and routes its VRID's adverts to it. */
    void enter(Made made) {
        InstanceRuntime running = made.running();
        VrrpInstance instance = made.config();
        runtime.add(running);
        if (made.reader().isPresent()) {
            SocketReader reader = made.reader().get();
            reader.receiver().register(running);
            readerByInstance.put(instance.name(), reader);
            if (instance.family() == Family.IPV4 && configuredSource(instance).isEmpty()) {
                followingPrimary.computeIfAbsent(instance.interfaceName(), name -> new PrimaryFollowers()).add(running);
            }
        } else {
            socketsMissing.merge(made.socket(), 1, Integer::sum);
            missingByInstance.put(instance.name(), made.socket());
        }
    }

    private Optional<byte[]> sourceAddress(VrrpInstance instance, SocketReader reader) {
        Optional<InetAddress> configured = configuredSource(instance);
        if (configured.isPresent()) {
            return configured.map(InetAddress::getAddress);
        }
        if (instance.family() == Family.IPV6) {
            // RFC 5798 5.1.2.2: IPv6 adverts come from the interface's link-local address
            return reader == null ? Optional.empty() : Optional.ofNullable(reader.socket().linkLocalAddress());
        }
        return addresses.firstIpv4(instance.interfaceName());
    }

    /** mcast_src_ip, or for unicast adverts unicast_src_ip first; empty when the interface's address is used. */
    private static Optional<InetAddress> configuredSource(VrrpInstance instance) {
        return usesUnicastSrcIp(instance) ? instance.unicastSrcIp() : instance.mcastSrcIp();
    }

    private static boolean usesUnicastSrcIp(VrrpInstance instance) {
        return !instance.unicastPeers().isEmpty() && instance.unicastSrcIp().isPresent();
    }

    /**
     * Adverts leave from the configured source or not at all (the kernel refuses an address the host does
     * not have, and sending from another would break the VRRPv3 checksum), so a source missing from the
     * interface is said at once rather than left to the send failures it causes.
     */
    private void warnIfNotOnInterface(VrrpInstance instance, String label) {
        configuredSource(instance).filter(address -> !addresses.has(instance.interfaceName(), address))
                .ifPresent(address -> LOG.error("{}: {} {} is not an address of {}; adverts are sent from that address"
                        + " or not at all", label,
                        usesUnicastSrcIp(instance) ? "unicast_src_ip" : "mcast_src_ip", address.getHostAddress(),
                        instance.interfaceName()));
    }

    private static List<InetAddress> advertised(VrrpInstance instance) {
        List<InetAddress> addresses = new ArrayList<>();
        for (VirtualAddress vip : instance.virtualAddresses()) {
            if (Family.of(vip.address()) == instance.family()) {
                addresses.add(vip.address());
            }
        }
        return addresses;
    }

    private static byte[][] peers(VrrpInstance instance) {
        return instance.unicastPeers().stream().map(InetAddress::getAddress).toArray(byte[][]::new);
    }

    private static byte[] multicastGroup(Family family) {
        try {
            return InetAddress.getByName(family == Family.IPV4 ? "224.0.0.18" : "ff02::12").getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a literal address failed to parse", e);
        }
    }
}
