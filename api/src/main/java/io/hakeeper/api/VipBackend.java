package io.hakeeper.api;

import java.util.List;

/**
 * Adds and removes virtual addresses and routes on the host. Every call is idempotent: adding an address
 * that is present, or removing one that is absent, succeeds.
 */
public interface VipBackend extends AutoCloseable {

    void addAddress(String interfaceName, VirtualAddress address) throws Exception;

    void removeAddress(String interfaceName, VirtualAddress address) throws Exception;

    /** The addresses configured on the interface now, so the engine can reconcile after a restart. */
    List<VirtualAddress> listAddresses(String interfaceName) throws Exception;

    void addRoute(VirtualRoute route) throws Exception;

    void removeRoute(VirtualRoute route) throws Exception;

    @Override
    default void close() throws Exception {
    }
}
