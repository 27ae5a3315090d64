package io.hakeeper.plugin.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import io.hakeeper.api.Notifier;
import io.hakeeper.api.Transition;
import io.hakeeper.api.VrrpState;

/**
 * Runs one subject's notify commands as keepalived does: on entering a state, first that state's
 * notify_* command with only the words the operator wrote, then {@code notify} with
 * {@code INSTANCE|GROUP NAME STATE PRIORITY} appended (priority 0 for a group).
 *
 * <p>Runs never overlap: a transition waits for the previous one's commands to end (they are bounded by
 * the runner's timeout). A command that cannot start, times out or exits non-zero makes this call fail
 * after the remaining command has run, so the engine counts it.
 */
final class ScriptNotifier implements Notifier {

    private final String name;
    private final Map<VrrpState, List<String>> onEntering;
    private final List<String> onEvery;
    private final ScriptRunner runner;
    private final ReentrantLock oneRunAtATime = new ReentrantLock();

    ScriptNotifier(String name, Map<VrrpState, List<String>> onEntering, List<String> onEvery, ScriptRunner runner) {
        this.name = name;
        this.onEntering = Map.copyOf(onEntering);
        this.onEvery = List.copyOf(onEvery);
        this.runner = runner;
    }

    @Override
    public void notify(Transition transition) throws Exception {
        Optional<String> state = NotifiedState.word(transition.to());
        if (state.isEmpty()) {
            return;
        }
        oneRunAtATime.lockInterruptibly();
        try {
            List<String> failures = new ArrayList<>();
            List<String> entering = onEntering.get(transition.to());
            if (entering != null) {
                runner.run(entering).ifPresent(failures::add);
            }
            if (!onEvery.isEmpty()) {
                runner.run(withKeepalivedArguments(transition, state.get())).ifPresent(failures::add);
            }
            if (!failures.isEmpty()) {
                throw new ScriptFailedException(name + ": " + String.join("; ", failures));
            }
        } finally {
            oneRunAtATime.unlock();
        }
    }

    /** {@code notify}'s argv: the operator's words, then TYPE NAME STATE PRIORITY. */
    private List<String> withKeepalivedArguments(Transition transition, String state) {
        List<String> argv = new ArrayList<>(onEvery);
        argv.add(transition.subject().name());
        argv.add(transition.name());
        argv.add(state);
        argv.add(transition.subject() == Transition.Subject.GROUP ? "0"
                : Integer.toString(transition.effectivePriority()));
        return argv;
    }

    /**
     * Waits, bounded, for a run in progress (notify_stop at shutdown) to end, so the daemon does not exit
     * under it; after that, the run's process tree is killed.
     */
    @Override
    public void close() throws InterruptedException {
        Duration wait = runner.timeout().multipliedBy(2);
        if (oneRunAtATime.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS)) {
            oneRunAtATime.unlock();
        } else {
            runner.killRunning();
        }
    }

    /** A notify command that could not run to a zero exit. */
    static final class ScriptFailedException extends Exception {
        ScriptFailedException(String message) {
            super(message);
        }
    }
}
