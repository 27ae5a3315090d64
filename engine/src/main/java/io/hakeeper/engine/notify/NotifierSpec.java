package io.hakeeper.engine.notify;

import java.util.Set;

import io.hakeeper.api.Settings;

/**
 * One notifier the configuration asks for: its type, the settings its factory is given, the name in its
 * {@link io.hakeeper.api.PluginContext}, and the subjects whose transitions it is told of.
 */
public record NotifierSpec(String type, String contextName, Settings settings, Set<NotifySubject> subjects) {

    public NotifierSpec {
        subjects = Set.copyOf(subjects);
    }
}
