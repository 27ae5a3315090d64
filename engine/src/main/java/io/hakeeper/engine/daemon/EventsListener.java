package io.hakeeper.engine.daemon;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.hakeeper.engine.control.EventHub;
import io.hakeeper.engine.track.CheckEvent;
import io.hakeeper.engine.vrrp.StateChange;

/**
 * The daemon's transitions and check changes as the lines of {@code ha-admin events}. Called on the event
 * loop for every transition (1,000 in the first milliseconds of a daemon of 1,000 instances, and as many
 * again when they become master), so that nothing is built while no client listens: a map and a formatted
 * time per transition that nobody reads cost the loop about a tenth of its start.
 */
final class EventsListener implements Daemon.Listener {

    private final EventHub events;

    EventsListener(EventHub events) {
        this.events = events;
    }

    @Override
    public void transition(StateChange change) {
        if (events.subscribers() == 0) {
            return;
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", "transition");
        event.put("subject", change.subject().name().toLowerCase());
        event.put("name", change.name());
        event.put("from", change.from().name());
        event.put("to", change.to().name());
        event.put("cause", change.cause().text());
        event.put("effective_priority", change.effectivePriority());
        event.put("time", Instant.now().toString());
        events.publish(event);
    }

    @Override
    public void check(CheckEvent check) {
        if (events.subscribers() == 0) {
            return;
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", "check");
        event.put("kind", check.kind().name().toLowerCase());
        event.put("name", check.name());
        event.put("state", check.state().name());
        event.put("value", check.value());
        event.put("time", Instant.now().toString());
        events.publish(event);
    }
}
