/**
 * Faults on demand for {@code hakeeper-demo --soak}: VIP backends that hang once or cannot start. Not
 * shipped in {@code plugins/}: the soak copies this jar into the plugin directory of its own lab routers.
 */
package io.hakeeper.plugin.soakfaults;
