/**
 * The hakeeper plugin API: everything a plugin compiles against, besides pf4j.
 *
 * <p>A plugin contributes named <em>types</em> through factories, one factory interface per
 * concern: {@link io.hakeeper.api.CheckFactory health checks}, {@link io.hakeeper.api.NotifierFactory
 * notify actions}, {@link io.hakeeper.api.VipBackendFactory VIP backends},
 * {@link io.hakeeper.api.AnnouncerFactory announcers} and {@link io.hakeeper.api.AuthMethodFactory auth
 * methods}. Each factory is a pf4j {@link org.pf4j.ExtensionPoint}; mark the implementing class
 * {@code @Extension} and pf4j's annotation processor lists it in {@code META-INF/services}.
 *
 * <p>The engine owns configuration and lifecycle. A factory never reads files of its own: it is handed a
 * {@link io.hakeeper.api.Settings} view of its section of {@code hakeeper.toml}, whose getters report the
 * key path and source position of any mistake, and a {@link io.hakeeper.api.PluginContext}. A factory's unit
 * tests hand it a {@link io.hakeeper.api.MapSettings}, which reads and refuses values as that view does.
 *
 * <p>Threads: checks, notifiers, VIP backends and announcers are called on the engine's worker pool, one
 * call at a time per object, with a timeout; they may block. Auth methods are called on the event loop for
 * every advert and must be bounded, non-blocking and allocation-free.
 */
package io.hakeeper.api;
