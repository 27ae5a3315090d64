/**
 * Raw VRRP I/O on Linux through libc, bound by JNA's direct mapping ({@code LibC}): one raw socket per
 * (interface, family, IP protocol), multicast and unicast adverts with TTL / hop limit 255, a poll(2) over
 * the sockets, and a per-thread switch of network namespace so that tests can open sockets inside a lab's
 * namespaces; and the link watch, an rtnetlink socket that reports links (and addresses) appearing, going
 * up or down, and going away.
 *
 * <p>The hot path (send, receive, poll) allocates nothing per packet: native memory for every structure
 * is allocated once per socket and reused, and failures come back as a status plus errno, never as an
 * exception. Linux on a 64-bit machine only (the structure layouts below are LP64's).
 */
package io.hakeeper.engine.net;
