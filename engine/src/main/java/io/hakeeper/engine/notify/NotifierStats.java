package io.hakeeper.engine.notify;

/**
 * What one notifier has done since start, for ha-admin and the tests.
 *
 * @param name      the notifier's context name (the instance, the group, or {@code global_defs})
 * @param delivered calls that returned normally
 * @param failed    calls that threw
 * @param timedOut  calls interrupted at the call timeout
 * @param dropped   transitions not delivered: its queue was full, or the dispatcher was closed
 */
public record NotifierStats(String type, String pluginId, String name, long delivered, long failed, long timedOut,
                            long dropped) {
}
