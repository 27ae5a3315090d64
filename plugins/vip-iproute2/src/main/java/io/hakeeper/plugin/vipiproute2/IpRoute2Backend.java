package io.hakeeper.plugin.vipiproute2;

import java.io.IOException;
import java.util.List;

import io.hakeeper.api.VipBackend;
import io.hakeeper.api.VirtualAddress;
import io.hakeeper.api.VirtualRoute;

/**
 * Adds and removes VIPs and routes with {@code ip}. An address goes on its own {@code dev} when it names
 * one, else on the interface the engine passes (the instance's).
 *
 * <p>Idempotence is decided by the state, not by the wording of an error: when {@code ip addr add}
 * fails, the interface's addresses are read back and an entry with the same address and prefix length
 * means success; likewise {@code ip addr del} succeeds when no such entry is left. Routes are added with
 * {@code ip route replace}, which succeeds on an existing route; removing a route that is not there is
 * reported by the kernel as ESRCH ("No such process"), and that is success too.
 *
 * <p>hakeeper's mark: an address {@code ip addr add} created (it succeeded, so the address was not there)
 * is then marked over netlink ({@link NetlinkAddresses#mark}), because {@code ip} before iproute2 6.4 cannot
 * write an address's protocol; an address that was there already stays unmarked. A removal first reads the
 * mark and leaves an unmarked address (the host's own, such as an address owner's) where it is.
 */
final class IpRoute2Backend implements VipBackend {

    private static final String NO_SUCH_ROUTE = "No such process";

    private final IpCommand ip;
    private final NetlinkAddresses marks;

    /**
     * @param marks where addresses are marked and their marks read, in the same network namespace as
     *              {@code ip} runs; closed with this backend
     */
    IpRoute2Backend(IpCommand ip, NetlinkAddresses marks) {
        this.ip = ip;
        this.marks = marks;
    }

    @Override
    public void addAddress(String interfaceName, VirtualAddress address) throws IOException, InterruptedException {
        String device = address.device().orElse(interfaceName);
        IpCommand.Result added = ip.run(IpArgs.addAddress(device, address));
        if (added.ok()) {
            marks.mark(device, address);
        } else if (!isPresent(device, address)) {
            throw new IOException(added.failure());
        }
    }

    @Override
    public void removeAddress(String interfaceName, VirtualAddress address) throws IOException, InterruptedException {
        String device = address.device().orElse(interfaceName);
        if (marks.protocolOf(device, address) != ADDRESS_PROTOCOL) {
            return; // absent, or the host's own: not ours to remove
        }
        IpCommand.Result removed = ip.run(IpArgs.removeAddress(device, address));
        if (!removed.ok() && isPresent(device, address)) {
            throw new IOException(removed.failure());
        }
    }

    @Override
    public List<VirtualAddress> listAddresses(String interfaceName) throws IOException, InterruptedException {
        String json = ip.check(IpArgs.listAddresses(interfaceName));
        try {
            return AddressListing.parse(json);
        } catch (IllegalArgumentException e) {
            throw new IOException("ip -j addr show dev " + interfaceName + " printed what could not be read: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void addRoute(VirtualRoute route) throws IOException, InterruptedException {
        ip.check(IpArgs.replaceRoute(route));
    }

    @Override
    public void removeRoute(VirtualRoute route) throws IOException, InterruptedException {
        IpCommand.Result removed = ip.run(IpArgs.removeRoute(route));
        if (!removed.ok() && !removed.stderr().contains(NO_SUCH_ROUTE)) {
            throw new IOException(removed.failure());
        }
    }

    /** Whether the device holds the address with the same prefix length; a listing failure propagates. */
    private boolean isPresent(String device, VirtualAddress address) throws IOException, InterruptedException {
        for (VirtualAddress present : listAddresses(device)) {
            if (present.address().equals(address.address()) && present.prefixLength() == address.prefixLength()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        marks.close();
    }
}
