package io.hakeeper.engine.control;

import java.util.Map;
import java.util.OptionalInt;

/**
 * What the daemon answers, one method per command of docs/control-protocol.md. Each result is a JSON-ready
 * map ({@link Json}). Called on the control threads, never on the event loop: an implementation takes its
 * snapshots on the loop and waits for them. Arguments arrive checked by {@link ControlProtocol}.
 */
public interface ControlService {

    Map<String, Object> status() throws ControlException;

    Map<String, Object> instance(String name) throws ControlException;

    Map<String, Object> peers() throws ControlException;

    Map<String, Object> checks() throws ControlException;

    Map<String, Object> plugins() throws ControlException;

    Map<String, Object> stats() throws ControlException;

    Map<String, Object> config() throws ControlException;

    Map<String, Object> reload() throws ControlException;

    /** @param priority the new base priority (1–254), or empty to restore the configured one */
    Map<String, Object> priority(String name, OptionalInt priority) throws ControlException;

    Map<String, Object> maintenance(String name, boolean on) throws ControlException;
}
