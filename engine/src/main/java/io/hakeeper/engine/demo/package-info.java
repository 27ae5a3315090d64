/**
 * hakeeper-demo: three routers in the namespace lab elect a master for one virtual IP, the master dies,
 * and the demo shows who took over and how long the virtual IP went unanswered; with {@code --benchmark}
 * the same failover, repeated, for hakeeper and for keepalived; with {@code --soak} a chaos soak
 * ({@link io.hakeeper.engine.demo.Soak}): seeded faults against three hakeeperd and a keepalived, judged
 * from the same witnesses and from the daemons' logs.
 *
 * <p>There is one failover procedure, {@link io.hakeeper.engine.demo.FailoverTrial}; the demo watches one
 * trial through a {@link io.hakeeper.engine.demo.Timeline}, the benchmark runs many without one. Both
 * measure from the same two independent witnesses: a capture on the lab's switch (when the new master's
 * first advert crossed the wire) and the client's pings (when the virtual IP stopped and resumed
 * answering).
 */
package io.hakeeper.engine.demo;
