/**
 * The VRRP protocol core, pure logic: the per-instance state machine ({@link io.hakeeper.engine.vrrp.InstanceMachine}),
 * sync groups, and the contracts the codec and the event loop meet it through. Nothing here touches a socket, a
 * thread or a clock (ArchitectureTest keeps it so): time is a monotonic {@code long nowNanos} argument of every event.
 */
package io.hakeeper.engine.vrrp;
