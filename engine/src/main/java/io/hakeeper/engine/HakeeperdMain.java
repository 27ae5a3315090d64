package io.hakeeper.engine;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.hakeeper.engine.HakeeperdOptions.UsageException;
import io.hakeeper.engine.config.Problem;
import io.hakeeper.engine.control.ControlException;
import io.hakeeper.engine.control.ControlProtocol;
import io.hakeeper.engine.control.ControlServer;
import io.hakeeper.engine.control.EventHub;
import io.hakeeper.engine.control.Permissions;
import io.hakeeper.engine.daemon.DaemonControl;
import io.hakeeper.engine.net.NativeWarmUp;
import io.hakeeper.engine.realtime.NonBlockingStderr;
import io.hakeeper.engine.realtime.StartupHeap;
import io.hakeeper.engine.config.model.HakeeperConfig;
import io.hakeeper.engine.plugin.PluginProblem;

/**
 * hakeeperd's entry point. Exit codes: 0 success, 1 invalid configuration (or the daemon could not
 * start), 2 a command line it cannot understand.
 */
public final class HakeeperdMain {

    static final int OK = 0;
    static final int INVALID = 1;
    static final int USAGE = 2;

    /** Far longer than binding libc takes on a loaded machine; past it the daemon starts anyway. */
    private static final long WARM_UP_WAIT_MILLIS = 10_000;
    private static final String LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

    private HakeeperdMain() {
    }

    /** How long the process waits at exit for its last log lines to reach stderr. */
    private static final Duration STDERR_FLUSH = Duration.ofSeconds(2);

    public static void main(String[] args) {
        // before anything logs: no thread of the daemon, the event loop least of all, waits for stderr
        NonBlockingStderr.install();
        int status = run(List.of(args), System.out, System.err);
        try {
            NonBlockingStderr.flushInstalled(STDERR_FLUSH);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.exit(status);
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (!args.isEmpty() && args.get(0).equals(DaemonCdsTraining.ARGUMENT)) {
            // the launcher's training run for lib/hakeeperd.jsa (libexec/launch.sh), not a command for people
            return DaemonCdsTraining.run(err);
        }
        HakeeperdOptions options;
        try {
            options = HakeeperdOptions.parse(args);
        } catch (UsageException e) {
            err.println("hakeeperd: " + e.getMessage());
            return USAGE;
        }
        // the sockets' native binding is the slowest part of the start, the heap's bean the next: both made
        // while the configuration is read
        boolean serving = options.action() == HakeeperdOptions.Action.RUN && !options.checkOnly();
        NativeWarmUp warmUp = serving ? NativeWarmUp.start() : NativeWarmUp.NONE;
        if (serving) {
            StartupHeap.prepare();
        }
        if (options.checkOnly() && System.getProperty(LOG_LEVEL_PROPERTY) == null) {
            // --check speaks through its report; the same problems as log lines would only say it twice
            System.setProperty(LOG_LEVEL_PROPERTY, "off");
        }
        switch (options.action()) {
            case HELP -> {
                out.print(HakeeperdOptions.USAGE);
                return OK;
            }
            case VERSION -> {
                out.println("hakeeperd " + Version.current());
                return OK;
            }
            default -> {
                return check(options, out, err, warmUp);
            }
        }
    }

    /** Validates the configuration against the loaded plugins and says everything that is wrong at once. */
    private static int check(HakeeperdOptions options, PrintStream out, PrintStream err, NativeWarmUp warmUp) {
        if (!Files.isRegularFile(options.configFile())) {
            err.println("hakeeperd: " + options.configFile() + ": no such configuration file");
            return INVALID;
        }
        try (ConfigurationLoad load = ConfigurationLoad.of(options.configFile(), options.format())) {
            for (PluginProblem problem : load.pluginProblems()) {
                err.println("warning: plugin problem: " + problem.message());
            }
            for (Problem problem : load.report().problems()) {
                err.println(problem);
            }
            if (!load.report().ok()) {
                int errors = load.report().errors().size();
                err.println("hakeeperd: " + options.configFile() + ": " + errors + (errors == 1 ? " error" : " errors"));
                return INVALID;
            }
            HakeeperConfig config = load.report().config().orElseThrow();
            if (options.checkOnly()) {
                out.println("configuration OK: " + options.configFile() + " (" + summary(config, load) + ")");
                return OK;
            }
            return serve(options, load, err, warmUp);
        } catch (IOException e) {
            err.println("hakeeperd: cannot read " + options.configFile() + ": " + e.getMessage());
            return INVALID;
        }
    }

    /**
     * Runs the daemon until SIGTERM or SIGINT, with its control socket. SIGHUP and {@code ha-admin reload}
     * re-read the configuration the same way: a broken one is refused with its errors and nothing changes;
     * a valid one is applied instance by instance (see {@link DaemonControl#reload}).
     */
    private static int serve(HakeeperdOptions options, ConfigurationLoad first, PrintStream err, NativeWarmUp warmUp) {
        HakeeperConfig config = first.report().config().orElseThrow();
        Path socket = options.controlSocket().orElse(Path.of(config.globalDefs().controlSocket()));
        try {
            warmUp.await(WARM_UP_WAIT_MILLIS);
            ControlServer.refuseLiveSocket(socket.toAbsolutePath());
        } catch (IOException e) {
            err.println("hakeeperd: control socket: " + e.getMessage());
            return INVALID;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OK;
        }
        Signals signals = Signals.install();
        EventHub events = new EventHub();
        DaemonControl control = null;
        ControlServer server = null;
        try {
            // the first load is closed by check(), which opened it
            DaemonControl.Loaded initial = loaded(first);
            control = DaemonControl.start(options.configFile(), new DaemonControl.Loaded(initial.config(),
                    initial.problems(), initial.plugins(), initial.text(), () -> { }),
                    () -> loaded(warned(ConfigurationLoad.of(options.configFile(), options.format()), err)), events,
                    Version.current());
            DaemonControl running = control;
            server = ControlServer.start(socket, config.globalDefs().controlGroup(),
                    new ControlProtocol(control, Permissions.system(() -> running.adminGroup())), events,
                    ControlServer.Limits.DEFAULT);
            while (signals.next() == Signals.Request.RELOAD) {
                try {
                    err.println("hakeeperd: reload (SIGHUP): " + control.reload());
                } catch (ControlException e) {
                    err.println("hakeeperd: reload refused: " + e.getMessage());
                    if (e.details() instanceof java.util.Map<?, ?> details && details.get("problems") instanceof List<?> problems) {
                        problems.forEach(problem -> err.println("reload refused: " + problem));
                    }
                }
            }
            return OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OK;
        } catch (Exception e) {
            err.println("hakeeperd: cannot run: " + e);
            return INVALID;
        } finally {
            // resign first: every millisecond before the priority-0 advert is a millisecond without a master
            stopQuietly(control, err);
            if (server != null) {
                server.close();
            }
        }
    }

    /** A reload's warnings (a notify program disabled, say) reach the log as the first load's do. */
    private static ConfigurationLoad warned(ConfigurationLoad load, PrintStream err) {
        if (load.report().ok()) {
            load.report().warnings().forEach(problem -> err.println("reload: " + problem));
        }
        return load;
    }

    private static DaemonControl.Loaded loaded(ConfigurationLoad load) {
        // the text validated, not the file read again: it may have changed since, or be a keepalived.conf
        String text = load.report().ok() ? load.toml() : "";
        return new DaemonControl.Loaded(load.report().ok() ? load.report().config() : java.util.Optional.empty(),
                load.report().errors(), load.plugins(), text, load);
    }

    private static void stopQuietly(DaemonControl control, PrintStream err) {
        if (control == null) {
            return;
        }
        try {
            control.close();
        } catch (Exception e) {
            err.println("hakeeperd: while stopping: " + e);
        }
    }

    private static String summary(HakeeperConfig config, ConfigurationLoad load) {
        return count(config.instances().size(), "instance") + ", "
                + count(config.syncGroups().size(), "sync group") + ", "
                + count(config.scripts().size(), "vrrp_script") + "; "
                + count(load.plugins().plugins().size(), "plugin") + " from " + load.pluginDir();
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
