package io.hakeeper.engine.control;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/** A control service with one instance, VI_51, whose maintenance and priority calls are remembered. */
final class FakeService implements ControlService {

    volatile boolean maintenance;
    volatile OptionalInt priority = OptionalInt.empty();

    @Override
    public Map<String, Object> status() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("version", "0.1.0");
        result.put("instances", java.util.List.of(Map.of("name", "VI_51", "state", "MASTER")));
        return result;
    }

    @Override
    public Map<String, Object> instance(String name) throws ControlException {
        if (!name.equals("VI_51")) {
            throw new ControlException(ErrorCode.NOT_FOUND, "no instance " + name);
        }
        return Map.of("name", name);
    }

    @Override
    public Map<String, Object> peers() {
        return Map.of();
    }

    @Override
    public Map<String, Object> checks() {
        return Map.of();
    }

    @Override
    public Map<String, Object> plugins() {
        return Map.of();
    }

    @Override
    public Map<String, Object> stats() {
        return Map.of();
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("toml", "");
    }

    @Override
    public Map<String, Object> reload() {
        return Map.of();
    }

    @Override
    public Map<String, Object> priority(String name, OptionalInt value) throws ControlException {
        instance(name);
        priority = value;
        return Map.of("name", name);
    }

    @Override
    public Map<String, Object> maintenance(String name, boolean on) throws ControlException {
        instance(name);
        maintenance = on;
        return Map.of("name", name, "maintenance", on);
    }
}
