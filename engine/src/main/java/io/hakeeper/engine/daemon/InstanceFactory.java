package io.hakeeper.engine.daemon;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
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
import io.hakeeper.engine.vrrp.packet.AdvertEncoder;
import io.hakeeper.engine.vrrp.packet.AdvertSpec;

/**
 * Turns configured instances into running ones: opens (or shares) the raw socket of each interface, family
 * and IP protocol, finds the address adverts go out from, makes the auth method, and wires the machine,
 * its receive expectations, its encoder and its transport together.
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

    /** Opens sockets; the daemon's opens real raw sockets, and reports why one could not be opened. */
    interface SocketOpener {
        SocketReader open(SocketKey key, VrrpRuntime runtime) throws NativeCallException;
    }

    InstanceFactory(GlobalDefs globals, TypeRegistry registry, PluginContext context, VrrpRuntime runtime,
                    SocketOpener opener) {
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
    }

    static String label(VrrpInstance instance) {
        return instance.name() + " (VRID " + instance.virtualRouterId() + ", " + instance.family() + ")";
    }

    /** Builds one instance; {@code host} is the look at the host's addresses its batch shares. */
    InstanceRuntime create(VrrpInstance instance, InterfaceAddresses host) {
        String label = label(instance);
        Optional<AuthMethod> auth = instance.authentication().flatMap(a -> registry
                .find(AuthMethodFactory.class, a.authType())
                .map(type -> type.call(factory -> factory.create(a.settings(), context))));
        int protocol = auth.map(AuthMethod::ipProtocol).orElse(RawVrrpSocket.VRRP_PROTOCOL);
        SocketKey key = new SocketKey(instance.interfaceName(), instance.family(), protocol);
        SocketReader reader = readers.get(key);
        if (reader == null) {
            try {
                reader = opener.open(key, runtime);
                readers.put(key, reader);
            } catch (NativeCallException e) {
                LOG.error("{}: cannot open the VRRP socket on {}: {}; the instance stays in FAULT until"
                        + " the interface appears", label,
                        instance.interfaceName(), e.getMessage());
            }
        }
        Optional<byte[]> source = sourceAddress(instance, reader, host);
        byte[] primary = source.orElse(new byte[instance.family() == Family.IPV4 ? 4 : 16]);
        InstanceMachine machine = new InstanceMachine(InstanceParameters.from(instance, primary), runtime.actions());
        if (reader == null || source.isEmpty()) {
            if (reader != null) {
                LOG.error("{}: {} has no {} address to send adverts from; the instance stays in FAULT", label,
                        instance.interfaceName(), instance.family());
            }
            machine.onInterfaceChange(false, 0);
        }
        int intervalCs = (int) (instance.advertInt().toMillis() / 10);
        AdvertEncoder encoder = new AdvertEncoder(new AdvertSpec(instance.version(), instance.family(),
                instance.virtualRouterId(), intervalCs, advertised(instance), globals.v3ChecksumAsV2()), auth);
        InstanceRuntime running = new InstanceRuntime(label, instance.interfaceName(), machine,
                ReceiveExpectations.of(instance, globals, auth),
                new ReceiveLedger(label, machine.counters(), LOG_INTERVAL_NANOS), encoder,
                reader == null ? DeadTransport.INSTANCE : reader.socket(), primary, multicastGroup(instance.family()),
                peers(instance));
        runtime.add(running);
        if (reader != null) {
            reader.receiver().register(running);
            readerByInstance.put(instance.name(), reader);
        }
        return running;
    }

    private static Optional<byte[]> sourceAddress(VrrpInstance instance, SocketReader reader, InterfaceAddresses host) {
        Optional<InetAddress> configured = instance.unicastPeers().isEmpty() ? instance.mcastSrcIp()
                : instance.unicastSrcIp().or(instance::mcastSrcIp);
        if (configured.isPresent()) {
            return configured.map(InetAddress::getAddress);
        }
        if (instance.family() == Family.IPV6) {
            // RFC 5798 5.1.2.2: IPv6 adverts come from the interface's link-local address
            return reader == null ? Optional.empty() : Optional.ofNullable(reader.socket().linkLocalAddress());
        }
        return host.firstIpv4(instance.interfaceName()).map(InetAddress::getAddress);
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
