package io.hakeeper.engine.daemon;

import java.util.ArrayList;
import java.util.List;

import io.hakeeper.engine.config.model.HakeeperConfig;
import io.hakeeper.engine.config.model.VrrpInstance;

/**
 * What a reload does to each instance, matched by name: unchanged ones are left alone, changed ones
 * restart, removed ones resign, added ones start.
 */
public record ReloadPlan(List<String> unchanged, List<String> changed, List<String> removed, List<String> added) {

    public ReloadPlan {
        unchanged = List.copyOf(unchanged);
        changed = List.copyOf(changed);
        removed = List.copyOf(removed);
        added = List.copyOf(added);
    }

    public static ReloadPlan between(HakeeperConfig now, HakeeperConfig next) {
        List<String> unchanged = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> added = new ArrayList<>();
        for (VrrpInstance instance : now.instances().values()) {
            VrrpInstance after = next.instances().get(instance.name());
            if (after == null) {
                removed.add(instance.name());
            } else if (after.equals(instance)) {
                unchanged.add(instance.name());
            } else {
                changed.add(instance.name());
            }
        }
        next.instances().keySet().stream().filter(name -> !now.instances().containsKey(name)).forEach(added::add);
        return new ReloadPlan(unchanged, changed, removed, added);
    }

    /** Every configured instance treated as changed: what a full restart does. */
    public static ReloadPlan restartAll(HakeeperConfig now, HakeeperConfig next) {
        List<String> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> added = new ArrayList<>();
        now.instances().keySet().forEach(name -> (next.instances().containsKey(name) ? changed : removed).add(name));
        next.instances().keySet().stream().filter(name -> !now.instances().containsKey(name)).forEach(added::add);
        return new ReloadPlan(List.of(), changed, removed, added);
    }

    /** Instances that must stop: removed and changed. */
    public List<String> leaving() {
        List<String> leaving = new ArrayList<>(removed);
        leaving.addAll(changed);
        return leaving;
    }

    /** Instances that must start: changed and added. */
    public List<String> arriving() {
        List<String> arriving = new ArrayList<>(changed);
        arriving.addAll(added);
        return arriving;
    }

    /** Every instance the reload touches. */
    public List<String> touched() {
        List<String> touched = leaving();
        touched.addAll(added);
        return touched;
    }
}
