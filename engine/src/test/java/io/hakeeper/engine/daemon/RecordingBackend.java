package io.hakeeper.engine.daemon;

import java.util.List;

import io.hakeeper.api.VipBackend;
import io.hakeeper.api.VirtualAddress;
import io.hakeeper.api.VirtualRoute;

/** A VIP backend that changes nothing and writes each call, in words, to the list it is given. */
final class RecordingBackend implements VipBackend {

    private final List<String> calls;

    RecordingBackend(List<String> calls) {
        this.calls = calls;
    }

    @Override
    public void addAddress(String interfaceName, VirtualAddress address) {
        calls.add("add " + address.cidr() + " on " + interfaceName);
    }

    @Override
    public void removeAddress(String interfaceName, VirtualAddress address) {
        calls.add("remove " + address.cidr() + " on " + interfaceName);
    }

    @Override
    public List<VirtualAddress> listAddresses(String interfaceName) {
        calls.add("list " + interfaceName);
        return List.of();
    }

    @Override
    public void addRoute(VirtualRoute route) {
        calls.add("add route " + route.destination());
    }

    @Override
    public void removeRoute(VirtualRoute route) {
        calls.add("remove route " + route.destination());
    }
}
