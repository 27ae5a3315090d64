package io.hakeeper.api;

import java.nio.file.Path;

/**
 * What the engine tells a factory about the object it is creating.
 *
 * @param name            the configured name: the vrrp_script, the instance, or the global setting
 * @param routerId        {@code global_defs.router_id} (the host name when not set)
 * @param configDirectory the directory of the configuration file, to resolve relative paths against
 */
public record PluginContext(String name, String routerId, Path configDirectory) {
}
