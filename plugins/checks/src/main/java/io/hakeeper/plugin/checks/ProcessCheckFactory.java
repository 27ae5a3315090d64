package io.hakeeper.plugin.checks;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.pf4j.Extension;

import io.hakeeper.api.Check;
import io.hakeeper.api.CheckFactory;
import io.hakeeper.api.CommandWords;
import io.hakeeper.api.PluginContext;
import io.hakeeper.api.Settings;

/**
 * keepalived's vrrp_track_process: up while the number of matching processes is within
 * {@code [quorum, quorum_max]}. The engine hands this factory each {@code [vrrp_track_process.NAME]} table;
 * {@code [vrrp_script.NAME] type = "process"} works as well.
 */
@Extension
public final class ProcessCheckFactory implements CheckFactory {

    static final String TYPE = "process";
    static final String PROCESS = "process";
    static final String PARAM_MATCH = "param_match";
    static final String QUORUM = "quorum";
    static final String QUORUM_MAX = "quorum_max";
    private static final long MAX_COUNT = 65535;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of(PROCESS, PARAM_MATCH, QUORUM, QUORUM_MAX);
    }

    @Override
    public Check create(Settings settings, Duration timeout, PluginContext context) {
        String line = settings.string(PROCESS);
        CommandWords.Result split = CommandWords.split(line);
        if (split.error().isPresent() || split.words().isEmpty()) {
            throw settings.invalid(PROCESS, "expected a process name and optional parameters, got \"" + line + "\"");
        }
        List<String> words = split.words();
        int quorum = (int) settings.integer(QUORUM, 1, 1, MAX_COUNT);
        int quorumMax = (int) settings.integer(QUORUM_MAX, Integer.MAX_VALUE, 1, Integer.MAX_VALUE);
        if (quorumMax < quorum) {
            throw settings.invalid(QUORUM_MAX, "expected at least quorum (" + quorum + "), got " + quorumMax);
        }
        ProcessMatcher matcher = new ProcessMatcher(words.get(0), words.subList(1, words.size()),
                paramMatch(settings), words.size() > 1 || settings.has(PARAM_MATCH));
        return new ProcessCheck(matcher, quorum, quorumMax);
    }

    private static ParamMatch paramMatch(Settings settings) {
        String written = settings.string(PARAM_MATCH, "exact");
        try {
            return ParamMatch.valueOf(written.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw settings.invalid(PARAM_MATCH, "expected exact, initial or partial, got \"" + written + "\"");
        }
    }
}
