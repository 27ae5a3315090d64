package io.hakeeper.engine.daemon;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.hakeeper.api.VipBackend;
import io.hakeeper.api.VirtualAddress;
import io.hakeeper.api.VirtualRoute;

/**
 * A VIP backend that changes nothing and writes each call, in words, to the list it is given; its
 * rehearsals ({@link VipBackend#rehearseAdd}) to a list of their own.
 */
final class RecordingBackend implements VipBackend {

    private final List<String> calls;
    private final List<String> rehearsals;

    RecordingBackend(List<String> calls) {
        this(calls, new CopyOnWriteArrayList<>());
    }

    RecordingBackend(List<String> calls, List<String> rehearsals) {
        this.calls = calls;
        this.rehearsals = rehearsals;
    }

    @Override
    public void rehearseAdd(String interfaceName, VirtualAddress address) {
        rehearsals.add("rehearse add " + address.cidr() + " on " + interfaceName);
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
