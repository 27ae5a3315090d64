package io.hakeeper.engine.plugin;

/** Where a loaded plugin stands, as {@code ha-admin plugins} shows it. */
public enum PluginStatus {
    /** Started; its types are in the registry (unless a problem says otherwise). */
    STARTED,
    /** Its Plugin-Requires does not admit this hakeeper version; never started. */
    INCOMPATIBLE,
    /** Its start threw; its types are not registered. */
    FAILED
}
