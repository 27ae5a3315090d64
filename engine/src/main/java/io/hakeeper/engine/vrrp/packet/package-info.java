/**
 * The VRRP advertisement on the wire, as bytes only: building adverts (VRRPv2 over IPv4, RFC 3768; VRRPv3
 * over IPv4 and IPv6, RFC 5798), their checksums and IPv4 headers, and reading received packets through a
 * reusable {@link io.hakeeper.engine.vrrp.packet.AdvertView}. No I/O, no allocation per packet, no
 * exceptions for bad input: a packet that cannot be an advert is an
 * {@link io.hakeeper.engine.vrrp.packet.AdvertVerdict}, not an error.
 */
package io.hakeeper.engine.vrrp.packet;
