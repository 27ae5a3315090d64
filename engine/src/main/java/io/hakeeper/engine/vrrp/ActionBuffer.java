package io.hakeeper.engine.vrrp;

import java.util.Arrays;

/**
 * The reusable outbox the machines write their actions into and the loop drains after each event:
 * {@code for (i < size()) handle(source(i), action(i)); clear();}. Holding parallel arrays instead of
 * entry objects keeps the steady state allocation-free; the arrays only grow, and only rarely.
 *
 * <p>{@link #source(int)} is the instance the action is for; it is {@code null} for a sync group's own
 * {@link StateChange}, which names its group.
 *
 * <p>Beside the actions, the buffer lists the machines whose {@link InstanceMachine#nextDeadlineNanos()}
 * moved during the event ({@link #movedDeadline(int)}, a machine possibly more than once): the loop
 * re-arms those timers only, so that an event costs the same with 10 instances as with 1,000.
 */
public final class ActionBuffer {

    private InstanceMachine[] sources = new InstanceMachine[16];
    private Action[] actions = new Action[16];
    private int size;
    private InstanceMachine[] moved = new InstanceMachine[16];
    private int movedCount;

    void add(InstanceMachine source, Action action) {
        if (size == actions.length) {
            sources = Arrays.copyOf(sources, size * 2);
            actions = Arrays.copyOf(actions, size * 2);
        }
        sources[size] = source;
        actions[size] = action;
        size++;
    }

    /** Notes that {@code machine}'s deadline moved (the machine calls it; no action of its own). */
    void deadlineMoved(InstanceMachine machine) {
        if (movedCount == moved.length) {
            moved = Arrays.copyOf(moved, movedCount * 2);
        }
        moved[movedCount++] = machine;
    }

    /** How many deadline moves were noted since the last {@link #clear()}. */
    public int movedDeadlines() {
        return movedCount;
    }

    /** The machine of the {@code index}th deadline move. */
    public InstanceMachine movedDeadline(int index) {
        return moved[index];
    }

    /** How many actions wait to be carried out, oldest first. */
    public int size() {
        return size;
    }

    /** The instance the {@code index}th action belongs to, or null for a sync group's transition. */
    public InstanceMachine source(int index) {
        return sources[index];
    }

    public Action action(int index) {
        return actions[index];
    }

    /** Forgets every action and deadline move (the loop calls this once it has carried them out). */
    public void clear() {
        Arrays.fill(sources, 0, size, null);
        Arrays.fill(actions, 0, size, null);
        size = 0;
        Arrays.fill(moved, 0, movedCount, null);
        movedCount = 0;
    }
}
