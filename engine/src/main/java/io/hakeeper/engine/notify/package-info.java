/**
 * Notifications: which notifiers the configuration asks for ({@link io.hakeeper.engine.notify.NotifierSpecs}),
 * and the dispatcher that hands each transition from the event loop to them, off the loop, in order per
 * notifier, each call bounded by a timeout ({@link io.hakeeper.engine.notify.NotificationDispatcher}).
 */
package io.hakeeper.engine.notify;
