package io.hakeeper.plugin.checks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.pf4j.Extension;

import io.hakeeper.api.Check;
import io.hakeeper.api.CheckFactory;
import io.hakeeper.api.CommandWords;
import io.hakeeper.api.PathSecurity;
import io.hakeeper.api.PluginContext;
import io.hakeeper.api.Settings;

/**
 * keepalived's vrrp_script: {@code [vrrp_script.NAME] script = "..."}. The command line is split into words
 * as keepalived splits it and executed directly, never through a shell; exit status 0 is up.
 *
 * <p>The keys are the engine's common ones: {@code script}, and {@code user}, which the engine fills from
 * {@code global_defs.script_user} when the table does not say. The engine also hands over
 * {@code global_defs.enable_script_security} under that name. Everything keepalived checks at start is
 * checked here, in {@link #create}, so that {@code hakeeperd --check} reports it: the program exists and
 * is executable, the user and group exist, and a program run as root cannot be changed by anyone else.
 */
@Extension
public final class ScriptCheckFactory implements CheckFactory {

    static final String TYPE = "script";
    static final String SCRIPT = "script";
    static final String USER = "user";
    /** Not a key of the table: the engine passes global_defs' flag under this name. */
    static final String ENABLE_SCRIPT_SECURITY = "enable_script_security";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Check create(Settings settings, Duration timeout, PluginContext context) {
        String line = settings.string(SCRIPT);
        CommandWords.Result split = CommandWords.split(line);
        if (split.error().isPresent() || split.words().isEmpty()) {
            throw settings.invalid(SCRIPT, "expected a command line, got \""
                    + line + "\"" + split.error().map(e -> " (" + e + ")").orElse(""));
        }
        List<String> words = split.words();
        Path program = ProgramPath.resolve(words.get(0), context.configDirectory())
                .orElseThrow(() -> settings.invalid(SCRIPT, "no executable program " + words.get(0)
                        + (words.get(0).contains("/") ? "" : " on the PATH")));
        if (!ProgramPath.isExecutableFile(program)) {
            throw settings.invalid(SCRIPT, program + " is not an executable file");
        }
        boolean scriptSecurity = settings.flag(ENABLE_SCRIPT_SECURITY, false);
        ScriptUser user = ScriptUser.resolve(settings, USER, scriptSecurity);
        if (user.isRoot()) {
            PathSecurity.findUnsafe(program).ifPresent(unsafe -> {
                if (scriptSecurity) {
                    throw settings.invalid(SCRIPT, "refused to run " + program + " as root: " + unsafe
                            + " (enable_script_security)");
                }
                ScriptSecurity.warn(context.name(), program, unsafe);
            });
        }
        return new ScriptCheck(user, program, words.subList(1, words.size()));
    }
}
