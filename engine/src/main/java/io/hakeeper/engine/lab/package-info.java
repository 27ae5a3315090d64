/**
 * The namespace lab: a throw-away Ethernet segment built from Linux network namespaces, veth pairs and a
 * bridge, on which hakeeper's end-to-end tests and {@code hakeeper-demo} run real daemons, real pings and
 * real captures without touching the host's own interfaces or addresses.
 *
 * <p>Everything here drives iproute2 and tcpdump as separate processes with argv lists (never a shell),
 * and every lab removes what it made when closed, when the JVM exits, or, after a crash, when the next
 * lab starts.
 */
package io.hakeeper.engine.lab;
