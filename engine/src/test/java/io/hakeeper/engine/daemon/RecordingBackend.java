package io.hakeeper.engine.daemon;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.hakeeper.api.VipBackend;
import io.hakeeper.api.VirtualAddress;
import io.hakeeper.api.VirtualRoute;

/**
 * A VIP backend that changes nothing and writes each call, in words, to the list it is given; its
 * rehearsals ({@link VipBackend#rehearseAdd}) to a list of their own, or to what the test gives instead.
 */
final class RecordingBackend implements VipBackend {

    /** What a rehearsal of an add does. */
    interface Rehearsal {
        void rehearseAdd(String interfaceName, VirtualAddress address) throws Exception;
    }

    /** What an add does besides being written down (a test's wait, or its own record). */
    interface Adding {
        void added(VirtualAddress address) throws Exception;
    }

    private final List<String> calls;
    private final Rehearsal rehearsal;
    private final Adding adding;

    RecordingBackend(List<String> calls) {
        this(calls, new CopyOnWriteArrayList<>());
    }

    RecordingBackend(List<String> calls, List<String> rehearsals) {
        this(calls, (interfaceName, address) -> rehearsals.add("rehearse add " + address.cidr() + " on " + interfaceName));
    }

    RecordingBackend(List<String> calls, Rehearsal rehearsal) {
        this(calls, rehearsal, address -> { });
    }

    RecordingBackend(List<String> calls, Adding adding) {
        this(calls, (interfaceName, address) -> { }, adding);
    }

    private RecordingBackend(List<String> calls, Rehearsal rehearsal, Adding adding) {
        this.calls = calls;
        this.rehearsal = rehearsal;
        this.adding = adding;
    }

    @Override
    public void rehearseAdd(String interfaceName, VirtualAddress address) throws Exception {
        rehearsal.rehearseAdd(interfaceName, address);
    }

    @Override
    public void addAddress(String interfaceName, VirtualAddress address) throws Exception {
        calls.add("add " + address.cidr() + " on " + interfaceName);
        adding.added(address);
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
