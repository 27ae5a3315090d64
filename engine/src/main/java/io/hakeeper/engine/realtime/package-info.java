/**
 * keepalived's process keywords for the threads that decide elections: realtime scheduling
 * ({@code vrrp_rt_priority}, {@code vrrp_rlimit_rttime}), the nice level ({@code vrrp_priority}), memory
 * locking ({@code vrrp_no_swap}) and CPU affinity ({@code vrrp_cpu_affinity}), applied per kernel thread
 * through libc (JNA). The threads are the event loop and those it waits for at a JVM safepoint: the VM thread,
 * which stops every Java thread for a garbage collection (and does the serial collector's work), and the
 * stop-the-world collector workers of the other collectors. A refusal of the kernel is a warning, never an
 * exception. Linux on a 64-bit machine only.
 */
package io.hakeeper.engine.realtime;
