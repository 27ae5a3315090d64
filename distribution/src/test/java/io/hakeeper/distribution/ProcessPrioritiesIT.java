package io.hakeeper.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.hakeeper.engine.lab.CommandResult;
import io.hakeeper.engine.lab.HostCommands;
import io.hakeeper.engine.lab.LabNode;

/**
 * keepalived's process keywords seen from outside, as the kernel reports them in /proc: the event loop
 * ({@code hakeeper-loop}) and the VM thread, which the loop waits for at every safepoint, run SCHED_RR
 * ({@code policy : 2} in {@code /proc/PID/task/TID/sched}) or at the nice level asked; every thread's
 * {@code Cpus_allowed_list} is the CPU set; {@code VmLck} is non-zero with vrrp_no_swap. A reload changes or
 * undoes them in place, with the master untouched. SIGXCPU, the kernel's word at half of vrrp_rlimit_rttime, is
 * a warning. Where the kernel refuses (no CAP_SYS_NICE, RLIMIT_RTPRIO 0, no CAP_IPC_LOCK), hakeeperd warns
 * naming the keyword and elects all the same.
 */
class ProcessPrioritiesIT {

    private static final String VIP = "192.0.2.61";
    private static final Duration SETTLE = Duration.ofSeconds(15);
    private static final String LOOP = "hakeeper-loop";
    private static final String VM_THREAD = "VM Thread";

    /** The slice the event loop asks for, in nanoseconds as {@code se.slice} shows it. */
    private static final long LOOP_SLICE = 100_000;

    /** One kernel thread as /proc shows it; {@code slice} is -1 on a kernel before EEVDF, which shows none. */
    private record Task(int tid, String name, int policy, int kernelPriority, int rtPriority, int nice, String cpus,
                        long slice) {
    }

    private static String config(LabNode node, Path socket, String processKeys, int priority) {
        return """
                [global_defs]
                router_id = "%s"
                control_socket = "%s"
                vrrp_garp_master_delay = 0
                %s
                [vrrp_instance.VI_1]
                interface = "eth0"
                version = 3
                virtual_router_id = 61
                priority = %d
                advert_int = 0.1
                virtual_ipaddress = ["%s/24"]
                """.formatted(node.name(), socket, processKeys, priority, VIP);
    }

    @Test
    void eachKeywordTakesEffectOnTheLoopAndTheVmThreadAndAReloadChangesOrUndoesItInPlace() throws Exception {
        List<Integer> online = onlineCpus();
        Requirements.require(online.size() >= 2, "two CPUs or more, so that a narrowed CPU set can be seen");
        int cpu = online.get(online.size() - 1);
        String started = ownCpus();
        try (Segment segment = Segment.create("ProcessPrioritiesIT", 1)) {
            LabNode node = segment.node(1);
            Path socket = Path.of("/tmp/hk-prio-" + node.namespace() + ".sock");
            Path file = segment.lab().workDir().resolve("hakeeper.toml");
            Files.writeString(file, config(node, socket, """
                    vrrp_rt_priority = 50
                    vrrp_rlimit_rttime = 200000
                    vrrp_no_swap = true
                    vrrp_cpu_affinity = [%d]
                    """.formatted(cpu), 150));
            Hakeeperd daemon = segment.start(node, file);
            daemon.awaitState("VI_1", "MASTER", SETTLE);
            long pid = daemon.process().process().pid();

            for (String name : List.of(LOOP, VM_THREAD)) {
                Task task = the(pid, name);
                assertEquals(2, task.policy(), task::toString);               // SCHED_RR
                assertEquals(99 - 50, task.kernelPriority(), task::toString); // the kernel's prio of rt priority 50
                assertEquals(50, task.rtPriority(), task::toString);
            }
            List<Task> others = tasks(pid).stream().filter(t -> t.name().startsWith("hakeeper-") && !t.name().equals(LOOP))
                    .toList();
            assertTrue(!others.isEmpty() && others.stream().allMatch(t -> t.policy() == 0),
                    "the threads the loop never waits for (control socket, plugin work) stay normal: " + others);
            for (Task task : tasks(pid)) {
                assertEquals(Integer.toString(cpu), task.cpus(), "every thread on CPU " + cpu + ": " + task);
            }
            assertTrue(kibibytes(pid, "VmLck") > 0, () -> "VmLck " + kibibytes(pid, "VmLck") + "\n" + daemon.log());
            assertTrue(realtimeLimits(pid).matches("100000\\s+200000\\s+us"), realtimeLimits(pid));
            // the kernel's SIGXCPU at the soft limit is a warning: the JVM's default action would end the daemon
            CommandResult xcpu = HostCommands.run(List.of("kill", "-XCPU", Long.toString(pid)));
            assertTrue(xcpu.succeeded(), xcpu::describe);
            assertLogs(daemon, "WARN hakeeper - vrrp_rlimit_rttime: a realtime thread of hakeeperd ran half of"
                    + " RLIMIT_RTTIME without blocking (SIGXCPU)");
            assertTrue(daemon.process().process().isAlive(), daemon::log);

            int transitions = daemon.transitions();
            Files.writeString(file, config(node, socket, "vrrp_priority = -7\n", 150));
            reload(daemon, pid);
            for (String name : List.of(LOOP, VM_THREAD)) {
                Task task = the(pid, name);
                assertEquals(0, task.policy(), task::toString);  // SCHED_OTHER again
                assertEquals(-7, task.nice(), task::toString);
            }
            for (Task task : tasks(pid)) {
                assertEquals(started, task.cpus(), "the CPU set hakeeperd started with, again: " + task);
            }
            assertShortSliceOnTheLoopOnly(pid); // a nice level set through sched_setscheduler resets a slice
            assertEquals(0, kibibytes(pid, "VmLck"), daemon::log);
            assertEquals(transitions, daemon.transitions(), () -> "the reload restarted the instance:\n" + daemon.log());

            Files.writeString(file, config(node, socket, "vrrp_rt_priority = 20\n", 150));
            reload(daemon, pid);
            for (String name : List.of(LOOP, VM_THREAD)) {
                Task task = the(pid, name);
                assertEquals(2, task.policy(), task::toString);
                assertEquals(20, task.rtPriority(), task::toString);
            }
            assertEquals(transitions, daemon.transitions(), () -> "the reload restarted the instance:\n" + daemon.log());
            assertEquals("MASTER", daemon.state("VI_1"));
            segment.awaitVipOnlyOn(node, VIP, SETTLE);
        }
    }

    @Test
    void whereTheKernelRefusesEachKeywordIsAWarningAndTheDaemonsElectAllTheSame() throws Exception {
        Requirements.requireTool("prlimit");
        Requirements.requireTool("setpriv");
        try (Segment segment = Segment.create("ProcessPrioritiesRefusedIT", 2)) {
            LabNode first = segment.node(1);
            LabNode second = segment.node(2);
            Hakeeperd realtime = startUnprivileged(segment, first, "vrrp_rt_priority = 50\nvrrp_no_swap = true\n", 150);
            Hakeeperd niced = startUnprivileged(segment, second, "vrrp_priority = -5\n", 100);

            realtime.awaitState("VI_1", "MASTER", SETTLE);
            niced.awaitState("VI_1", "BACKUP", SETTLE);
            segment.awaitVipOnlyOn(first, VIP, SETTLE);
            assertLogs(realtime, "WARN hakeeper - vrrp_rt_priority 50: the kernel refused SCHED_RR: Operation not"
                    + " permitted (EPERM)");
            assertLogs(realtime, "WARN hakeeper - vrrp_no_swap: memory not locked: hakeeperd has neither CAP_IPC_LOCK"
                    + " nor an unlimited RLIMIT_MEMLOCK");
            assertLogs(niced, "WARN hakeeper - vrrp_priority -5: the kernel refused the nice level: Permission"
                    + " denied (EACCES)");
            long realtimePid = realtime.process().process().pid();
            assertEquals(0, the(realtimePid, LOOP).policy());
            assertEquals(0, kibibytes(realtimePid, "VmLck"));
            // the nice level the daemon inherited from this test, not the one refused
            assertEquals(ownNice(), the(niced.process().process().pid(), LOOP).nice());
            // the slice needs no privilege, and comes with or without the keywords
            assertShortSliceOnTheLoopOnly(realtimePid);
            assertShortSliceOnTheLoopOnly(niced.process().process().pid());

            realtime.terminate();
            assertEquals(0, realtime.awaitExit(Duration.ofSeconds(5)), realtime::log);
            niced.awaitState("VI_1", "MASTER", SETTLE);
            segment.awaitVipOnlyOn(second, VIP, SETTLE);
        }
    }

    @Test
    void theSystemdUnitAllowsTheKeywordsAndSystemdAcceptsIt() throws IOException {
        Path systemdAnalyze = Requirements.requireTool("systemd-analyze");
        Path tree = Tree.built();
        String unit = Files.readString(tree.resolve("systemd/hakeeper.service"));
        for (String line : List.of("LimitRTPRIO=99", "LimitMEMLOCK=infinity")) {
            assertTrue(unit.lines().anyMatch(line::equals), "no " + line + " in\n" + unit);
        }
        for (String set : List.of("CapabilityBoundingSet=", "AmbientCapabilities=")) {
            String caps = unit.lines().filter(l -> l.startsWith(set)).findFirst().orElseThrow();
            assertTrue(caps.contains("CAP_SYS_NICE") && caps.contains("CAP_IPC_LOCK"), caps);
        }
        // the unit names the installed tree; pointed at this one, systemd must find nothing to object to
        Path copy = Files.createTempDirectory("hk-unit").resolve("hakeeper.service");
        Files.writeString(copy, unit.replace("/opt/hakeeper", tree.toString()));
        CommandResult verify = HostCommands.run(List.of(systemdAnalyze.toString(), "verify", copy.toString()));
        assertTrue(verify.succeeded(), verify::describe);
        assertEquals("", verify.stdout().strip() + verify.stderr().strip(), verify::describe);
    }

    private static Hakeeperd startUnprivileged(Segment segment, LabNode node, String processKeys, int priority)
            throws IOException {
        Path socket = Path.of("/tmp/hk-prio-" + node.namespace() + ".sock");
        Path file = segment.lab().workDir().resolve(node.name() + ".toml");
        Files.writeString(file, config(node, socket, processKeys, priority));
        // no RLIMIT_RTPRIO, a small RLIMIT_MEMLOCK, and neither CAP_SYS_NICE nor CAP_IPC_LOCK even for root
        return new Hakeeperd(segment.lab().start(node, "prlimit", "--rtprio=0", "--nice=0", "--memlock=65536",
                "setpriv", "--inh-caps=-sys_nice,-ipc_lock", "--bounding-set=-sys_nice,-ipc_lock",
                segment.tree().resolve("bin/hakeeperd").toString(), "-f", file.toString()));
    }

    /**
     * The loop asks for the least slice, so that woken while both CPUs are busy it runs at once; the threads
     * it starts (plugin work, the control socket) keep the kernel's default. Kernels before EEVDF show no
     * slice and have no use for one: there, only the rest of the test holds.
     */
    private static void assertShortSliceOnTheLoopOnly(long pid) {
        Task loop = the(pid, LOOP);
        if (loop.slice() < 0) {
            System.err.println("ProcessPrioritiesIT: this kernel shows no se.slice (before EEVDF): the loop's slice"
                    + " is not checked");
            return;
        }
        assertEquals(LOOP_SLICE, loop.slice(), loop::toString);
        List<Task> others = tasks(pid).stream().filter(t -> t.name().startsWith("hakeeper-") && t.tid() != loop.tid())
                .toList();
        assertTrue(!others.isEmpty() && others.stream().noneMatch(t -> t.slice() == LOOP_SLICE),
                "the loop's threads keep the default slice: " + others);
    }

    private static void reload(Hakeeperd daemon, long pid) {
        int before = count(daemon.log(), "hakeeperd: reload (SIGHUP)");
        CommandResult hup = HostCommands.run(List.of("kill", "-HUP", Long.toString(pid)));
        assertTrue(hup.succeeded(), hup::describe);
        awaitTrue(() -> count(daemon.log(), "hakeeperd: reload (SIGHUP)") > before, () -> "no reload ("
                + (daemon.process().process().isAlive() ? "the daemon lives; its threads: " + threadStates(pid)
                : "the daemon is gone, exit " + daemon.process().process().exitValue()) + "):\n" + daemon.log());
    }

    /** Each thread's name, state, policy and CPU time: what a reload that never came was waiting on. */
    private static String threadStates(long pid) {
        StringBuilder states = new StringBuilder();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks) {
                String stat = Files.readString(task.resolve("stat"));
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // state is field 3, utime 14, stime 15, policy 41 (counted from 1, the pid)
                states.append("\n  ").append(name).append(' ').append(fields[0]).append(" cpu ")
                        .append(Long.parseLong(fields[11]) + Long.parseLong(fields[12])).append(" policy ")
                        .append(fields[38]).append(" wchan ")
                        .append(Files.readString(task.resolve("wchan")).strip());
            }
        } catch (IOException | RuntimeException e) {
            states.append(" (unreadable: ").append(e).append(')');
        }
        return states.toString();
    }

    private static void assertLogs(Hakeeperd daemon, String start) {
        awaitTrue(() -> daemon.log().lines().anyMatch(line -> line.startsWith(start)),
                () -> "no line starting \"" + start + "\" in\n" + daemon.log());
    }

    private static void awaitTrue(Supplier<Boolean> condition, Supplier<String> failure) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure.get());
            }
            Hakeeperd.sleep(50);
        }
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    /** The one thread of that name (the kernel's 15-character cut). */
    private static Task the(long pid, String name) {
        List<Task> named = tasks(pid).stream().filter(task -> task.name().equals(name)).toList();
        assertEquals(1, named.size(), () -> name + " in " + tasks(pid));
        return named.get(0);
    }

    private static List<Task> tasks(long pid) {
        List<Task> tasks = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            for (Path dir : dirs) {
                try {
                    tasks.add(task(dir));
                } catch (NoSuchFileException ended) {
                    // a thread that ended while we looked
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tasks;
    }

    private static Task task(Path dir) throws IOException {
        Map<String, String> sched = new TreeMap<>();
        for (String line : Files.readAllLines(dir.resolve("sched"))) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                sched.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        String stat = Files.readString(dir.resolve("stat"));
        // fields after the name in parentheses, which may hold spaces: state is field 3, nice 19, rt_priority 40
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        String cpus = Files.readAllLines(dir.resolve("status")).stream().filter(l -> l.startsWith("Cpus_allowed_list:"))
                .map(l -> l.substring("Cpus_allowed_list:".length()).strip()).findFirst().orElseThrow();
        return new Task(Integer.parseInt(dir.getFileName().toString()), Files.readString(dir.resolve("comm")).strip(),
                Integer.parseInt(sched.get("policy")), Integer.parseInt(sched.get("prio")),
                Integer.parseInt(fields[37]), Integer.parseInt(fields[16]), cpus,
                Long.parseLong(sched.getOrDefault("se.slice", "-1")));
    }

    private static long kibibytes(long pid, String field) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                    .filter(l -> l.startsWith(field + ":"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "SOFT HARD us" of the "Max realtime timeout" line of /proc/PID/limits. */
    private static String realtimeLimits(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/limits")).stream()
                    .filter(l -> l.startsWith("Max realtime timeout"))
                    .map(l -> l.substring("Max realtime timeout".length()).strip()).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CPU set the test JVM runs with, which the daemons it starts inherit. */
    private static String ownCpus() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Cpus_allowed_list:"))
                .map(l -> l.substring("Cpus_allowed_list:".length()).strip()).findFirst().orElseThrow();
    }

    private static int ownNice() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ")[16]);
    }

    private static List<Integer> onlineCpus() throws IOException {
        List<Integer> cpus = new ArrayList<>();
        for (String range : Files.readString(Path.of("/sys/devices/system/cpu/online")).strip().split(",")) {
            String[] ends = range.split("-");
            int from = Integer.parseInt(ends[0]);
            int to = ends.length == 2 ? Integer.parseInt(ends[1]) : from;
            for (int cpu = from; cpu <= to; cpu++) {
                cpus.add(cpu);
            }
        }
        return cpus;
    }
}
