/**
 * keepalived's notify actions as hakeeper notifier types: {@code script} (notify_master, notify_backup,
 * notify_fault, notify_stop and notify), {@code fifo} (vrrp_notify_fifo) and {@code smtp} (smtp_alert).
 *
 * <p>Each notifier is told of the transitions of the instances and groups the engine attached it to, one
 * at a time and in order, on an engine worker thread with a timeout. What each writes, runs or sends
 * follows keepalived to the byte, so that existing notify scripts and FIFO readers work unchanged.
 */
package io.hakeeper.plugin.notify;
