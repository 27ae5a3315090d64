package io.hakeeper.engine.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.hakeeper.engine.lab.HostCommands;
import io.hakeeper.engine.lab.LabNode;
import io.hakeeper.engine.lab.LabProcess;
import io.hakeeper.engine.lab.NamespaceLab;

/**
 * One router of the soak: a lab node running hakeeperd or keepalived with the three virtual routers, its
 * configuration, and every run of its daemon (a kill and restart begins a new run, with a log of its own).
 */
final class SoakRouter {

    /** One life of the daemon: its process and log, and whether the soak killed it (an exit is then no fault). */
    static final class Run {
        final LabProcess process;
        volatile boolean killed;

        Run(LabProcess process) {
            this.process = process;
        }

        long pid() {
            return process.process().pid();
        }
    }

    /** Files the faults use, in the router's directory beside its configuration. */
    static final String CHECK_DOWN = "check-down";
    static final String NOTIFY_HANG = "notify-hang";
    static final String NOTIFY_LOG = "notify.log";
    /** Read by the soak-hang VIP backend; the name is that plugin's. */
    static final String VIP_HANG = "soak-vip-hang";
    static final String CHECK_INTERVAL = "0.25";

    private final int index;
    private final LabNode node;
    private final Router implementation;
    private final Path home;
    private final Path dir;
    private final Path pluginDir;
    private final Path notifyScript;
    private final Path socket;
    private final List<Run> runs = new ArrayList<>();
    /** Flipped by "changed" reloads: VI_C's priority one lower, and a global_defs key (which restarts all). */
    private boolean priorityTweaked;
    private boolean globalTweaked;

    SoakRouter(int index, LabNode node, Router implementation, Path home, Path workDir, Path pluginDir,
            Path notifyScript) {
        this.index = index;
        this.node = node;
        this.implementation = implementation;
        this.home = home;
        this.dir = workDir.resolve(node.name());
        this.pluginDir = pluginDir;
        this.notifyScript = notifyScript;
        // every namespace sees the host's /tmp; a Unix socket path has at most 107 bytes
        this.socket = Path.of("/tmp/hk-soak-" + ProcessHandle.current().pid() + "-" + node.name() + ".sock");
    }

    LabNode node() {
        return node;
    }

    String name() {
        return node.name();
    }

    boolean isHakeeper() {
        return implementation == Router.HAKEEPER;
    }

    Path dir() {
        return dir;
    }

    Path socket() {
        return socket;
    }

    Path configFile() {
        return dir.resolve(implementation.configFileName());
    }

    List<Run> runs() {
        return List.copyOf(runs);
    }

    Optional<Run> current() {
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(runs.size() - 1));
    }

    /** Writes the configuration as it stands and starts a new run of the daemon. */
    Run start(NamespaceLab lab) {
        try {
            Files.createDirectories(dir);
            Files.writeString(configFile(), config());
            // a killed keepalived leaves its pid files; when the pid has been reused, it refuses to start
            Files.deleteIfExists(dir.resolve("keepalived.pid"));
            Files.deleteIfExists(dir.resolve("keepalived-vrrp.pid"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + configFile(), e);
        }
        List<String> argv = isHakeeper()
                ? List.of(home.resolve("bin/hakeeperd").toString(), "-f", configFile().toString(), "--control-socket",
                        socket.toString())
                : implementation.argv(home, configFile(), dir);
        Run run = new Run(lab.start(node, argv.toArray(String[]::new)));
        runs.add(run);
        return run;
    }

    /** Every process in the router's namespace (the daemon, its children, a notifier that hangs). */
    List<ProcessHandle> processes() {
        return HostCommands.run(List.of("ip", "netns", "pids", node.namespace())).stdout().lines()
                .map(String::strip).filter(s -> !s.isEmpty())
                .map(pid -> ProcessHandle.of(Long.parseLong(pid))).flatMap(Optional::stream).toList();
    }

    /** SIGKILL for everything in the namespace; the current run counts as killed. */
    void kill() {
        current().ifPresent(run -> run.killed = true);
        processes().forEach(ProcessHandle::destroyForcibly);
        current().ifPresent(run -> {
            try {
                run.process.process().waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    void flipPriority() {
        priorityTweaked = !priorityTweaked;
    }

    void flipGlobal() {
        globalTweaked = !globalTweaked;
    }

    /** The configuration as it stands, in the router's own format. */
    String config() {
        return implementation == Router.HAKEEPER ? hakeeperConfig("soak-hang") : keepalivedConfig();
    }

    /** The hakeeper configuration with another VIP backend type (a replacement that fails at start). */
    String hakeeperConfig(String vipBackend) {
        StringBuilder toml = new StringBuilder();
        toml.append("# written by hakeeper-demo --soak for ").append(name()).append('\n');
        toml.append("[global_defs]\n");
        toml.append("router_id = \"").append(name()).append("\"\n");
        toml.append("plugin_dir = \"").append(pluginDir).append("\"\n");
        toml.append("vip_backend = \"").append(vipBackend).append("\"\n");
        if (globalTweaked) {
            toml.append("vrrp_garp_master_repeat = 4\n");
        }
        toml.append("\n[vrrp_script.chk_flap]\n");
        toml.append("script = \"/usr/bin/test ! -e ").append(dir.resolve(CHECK_DOWN)).append("\"\n");
        toml.append("interval = ").append(CHECK_INTERVAL).append('\n');
        // a run may take longer than the interval on a busy machine: late is not down
        toml.append("timeout = 2\n");
        for (SoakVirtualRouter vr : SoakVirtualRouter.ALL) {
            toml.append("\n[vrrp_instance.").append(vr.instance()).append("]\n");
            toml.append("interface = \"eth0\"\n");
            toml.append("version = ").append(vr.version()).append('\n');
            toml.append("virtual_router_id = ").append(vr.vrid()).append('\n');
            toml.append("priority = ").append(priority(vr)).append('\n');
            toml.append("advert_int = ").append(vr.advertInt()).append('\n');
            if (!vr.authPass().isEmpty()) {
                toml.append("authentication = { auth_type = \"PASS\", auth_pass = \"").append(vr.authPass())
                        .append("\" }\n");
            }
            if (vr.instance().equals("VI_A")) {
                toml.append("track_script = [{ name = \"chk_flap\", weight = -50 }]\n");
            }
            toml.append("notify = \"").append(notifyScript).append(' ').append(dir).append("\"\n");
            toml.append("virtual_ipaddress = [\"").append(String.join("\", \"", vr.vips())).append("\"]\n");
        }
        return toml.toString();
    }

    private int priority(SoakVirtualRouter vr) {
        int configured = vr.priorities().get(index);
        // one lower keeps the order of the routers: the change is real, the rightful master the same
        return priorityTweaked && vr.instance().equals("VI_C") ? configured - 1 : configured;
    }

    private String keepalivedConfig() {
        StringBuilder conf = new StringBuilder("# written by hakeeper-demo --soak for " + name() + "\n"
                + "global_defs {\n    router_id " + name() + "\n}\n");
        for (SoakVirtualRouter vr : SoakVirtualRouter.ALL) {
            conf.append("vrrp_instance ").append(vr.instance()).append(" {\n");
            conf.append("    state BACKUP\n    interface eth0\n");
            conf.append("    version ").append(vr.version()).append('\n');
            conf.append("    virtual_router_id ").append(vr.vrid()).append('\n');
            conf.append("    priority ").append(priority(vr)).append('\n');
            conf.append("    advert_int ").append(vr.advertInt()).append('\n');
            if (!vr.authPass().isEmpty()) {
                conf.append("    authentication {\n        auth_type PASS\n        auth_pass ").append(vr.authPass())
                        .append("\n    }\n");
            }
            conf.append("    virtual_ipaddress {\n");
            vr.vips().forEach(vip -> conf.append("        ").append(vip).append('\n'));
            conf.append("    }\n}\n");
        }
        return conf.toString();
    }

    @Override
    public String toString() {
        return name() + " (" + implementation.displayName() + ")";
    }
}
