package io.hakeeper.api;

import java.util.List;

/**
 * Adds and removes virtual addresses and routes on the host. Every call is idempotent: adding an address
 * that is present, or removing one that is absent, succeeds.
 *
 * <p>Our VIPs and the host's own addresses: the engine removes an instance's VIPs when it leaves MASTER,
 * when it stops, and at start (a VIP left behind by a daemon that was killed). Among those may be an
 * address the host had anyway: an address owner's VIP (priority 255) is its interface's own address. A
 * backend that can tell the two apart marks each address it adds ({@link #ADDRESS_PROTOCOL}, on Linux the
 * address's protocol field), leaves an address that was there before unmarked, and removes only marked
 * addresses. A backend that cannot mark removes what it is asked to, as before.
 */
public interface VipBackend extends AutoCloseable {

    /**
     * The mark of an address hakeeper added: Linux's address protocol (IFA_PROTO, kernel 5.18 and later;
     * {@code ip address add ... proto 104} in iproute2 6.4 and later). 0–3 are the kernel's own, 18 is
     * keepalived's route protocol; 104 is neither.
     */
    int ADDRESS_PROTOCOL = 104;

    /** Adds the address, marked as hakeeper's; an address already present is left as it is (unmarked). */
    void addAddress(String interfaceName, VirtualAddress address) throws Exception;

    /**
     * The address is likely to be added within milliseconds (its instance is about to take over): what
     * {@link #addAddress} would look up before its change (the interface's index, say) may be looked up now,
     * so that the add, and the gratuitous ARP after it, come sooner. A hint: the add may not follow, and a
     * backend may ignore it (the default). A failure here is not reported; the add reports its own.
     */
    default void addExpected(String interfaceName, VirtualAddress address) throws Exception {
    }

    /**
     * Runs {@link #addAddress}'s code as far as it can without changing the host (a request the kernel
     * refuses, say), for the engine's rehearsal of takeovers at start: a daemon of many instances rehearses
     * as many, so that the JIT has compiled the add before a burst of takeovers needs it rather than
     * during the burst. Must not add, remove or announce anything. The default does nothing; a failure is
     * not reported.
     */
    default void rehearseAdd(String interfaceName, VirtualAddress address) throws Exception {
    }

    /** Removes the address if it is present and (for a backend that marks) carries hakeeper's mark. */
    void removeAddress(String interfaceName, VirtualAddress address) throws Exception;

    /** The addresses configured on the interface now, so the engine can reconcile after a restart. */
    List<VirtualAddress> listAddresses(String interfaceName) throws Exception;

    void addRoute(VirtualRoute route) throws Exception;

    void removeRoute(VirtualRoute route) throws Exception;

    @Override
    default void close() throws Exception {
    }
}
