package io.hakeeper.engine.realtime;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hakeeper.engine.config.model.ProcessPriorities;
import io.hakeeper.engine.realtime.JvmThreads.Task;
import sun.misc.Signal;

/**
 * Applies {@link ProcessPriorities} to this JVM, once per process: at start and again on every reload, which
 * may change or remove settings. What a removed setting changed is undone from what was found before the
 * first change (the nice level, the CPU set and RLIMIT_RTTIME hakeeperd started with). Every refusal of the
 * kernel becomes a warning that names the keyword, the errno and what would allow it; the daemon runs on
 * without that setting.
 */
public final class ProcessTuning {

    private static final Logger LOG = LoggerFactory.getLogger("hakeeper");
    private static final String LOOP = "the event loop";
    /** The slice the event loop asks of the kernel's fair scheduler (EEVDF): the least it grants. */
    static final long LOOP_SLICE_NANOS = 100_000;

    private ProcessPriorities applied = ProcessPriorities.NONE;
    private boolean realtime;
    private boolean niced;
    private boolean locked;
    private boolean pinned;
    private boolean rttimeSet;
    private boolean sigxcpuHandled;
    private boolean remembered;
    private int originalNice;
    private long[] originalCpus;
    private long[] originalRttime;
    /** The loop thread given the short slice, and the one whose refusal was said (once per loop). */
    private int slicedLoop;
    private int sliceRefusedLoop;

    /** The calling thread's kernel id, as {@code /proc/PID/task/TID} names it. */
    public static int currentThreadId() {
        return RealtimeLibC.gettid();
    }

    /** Whether the process keywords have anything to do: settings asked now or changed before. */
    private boolean keywordsNeedWork(ProcessPriorities wanted) {
        return !wanted.equals(applied) || !wanted.equals(ProcessPriorities.NONE);
    }

    /**
     * Applies {@code wanted} to the event loop's thread {@code loopTid} and to the JVM threads it waits for at
     * safepoints, and to the process where the setting is the process's; and gives the loop, unless it runs
     * realtime, the shortest slice (with or without keywords). Returns the warnings, also logged.
     */
    public synchronized List<String> apply(ProcessPriorities wanted, int loopTid) {
        List<String> warnings = new ArrayList<>();
        if (keywordsNeedWork(wanted)) {
            List<Task> targets = new ArrayList<>();
            targets.add(new Task(loopTid, LOOP));
            targets.addAll(JvmThreads.safepointWorkers());
            rememberOriginals(targets);
            cpus(wanted, warnings);
            scheduling(wanted, targets, warnings);
            memory(wanted, warnings);
            applied = wanted;
        }
        shortSlice(loopTid, warnings);
        warnings.forEach(LOG::warn);
        return warnings;
    }

    /**
     * Under EEVDF (Linux 6.6 on) a thread woken while every CPU runs another waits until the running one's
     * slice ends (the default, 0.75 ms scaled by the CPU count, is 1.4 ms on two CPUs) unless its own slice
     * is shorter (Linux 6.12's wake-up preemption): a takeover timer fired at the right time then runs a
     * millisecond late. The loop runs microseconds per wake-up, so the least slice costs it nothing, and
     * its share of the CPU is what fairness gives it either way. Asked again after every setting that may
     * have reset it (nice through sched_setscheduler, a realtime policy removed); SCHED_FLAG_RESET_ON_FORK
     * gives the threads the loop starts the default. A realtime loop preempts anyway and is left alone;
     * kernels before EEVDF accept the call and ignore the slice.
     */
    private void shortSlice(int loopTid, List<String> warnings) {
        int policy = RealtimeLibC.sched_getscheduler(loopTid);
        if (policy < 0 || (policy & ~Kernel.SCHED_RESET_ON_FORK) != Kernel.SCHED_OTHER) {
            return;
        }
        long number = Kernel.sysSchedSetattr();
        long[] attr = Kernel.schedAttr(JvmThreads.nice(loopTid), LOOP_SLICE_NANOS, Kernel.SCHED_FLAG_RESET_ON_FORK);
        if (number >= 0 && RealtimeLibC.syscall(number, loopTid, attr, 0) == 0) {
            if (slicedLoop != loopTid) {
                LOG.info("{} asks for {} us slices: woken while the CPUs are busy, it preempts a thread with the"
                        + " default slice at once", LOOP, LOOP_SLICE_NANOS / 1000);
            }
            slicedLoop = loopTid;
        } else if (sliceRefusedLoop != loopTid) {
            sliceRefusedLoop = loopTid;
            warnings.add(LOOP + " keeps the default slice: " + (number < 0 ? "sched_setattr's number on "
                    + System.getProperty("os.arch") + " is not known here" : "the kernel refused sched_setattr: "
                    + Kernel.describe(Kernel.errno())) + "; woken while every CPU is busy, it may wait up to a"
                    + " slice (about a millisecond) before it runs (vrrp_rt_priority avoids that)");
        }
    }

    private void rememberOriginals(List<Task> targets) {
        if (remembered) {
            return;
        }
        remembered = true;
        int reference = targets.size() > 1 ? targets.get(1).tid() : targets.get(0).tid();
        originalNice = JvmThreads.nice(reference);
        originalCpus = new long[Kernel.CPU_SET_BYTES / Long.BYTES];
        if (RealtimeLibC.sched_getaffinity(reference, Kernel.CPU_SET_BYTES, originalCpus) != 0) {
            originalCpus = null;
        }
        originalRttime = new long[2];
        if (RealtimeLibC.getrlimit(Kernel.RLIMIT_RTTIME, originalRttime) != 0) {
            originalRttime = new long[] {Kernel.RLIM_INFINITY, Kernel.RLIM_INFINITY};
        }
    }

    /** vrrp_cpu_affinity: every thread, as keepalived binds its whole VRRP process. */
    private void cpus(ProcessPriorities wanted, List<String> warnings) {
        if (!wanted.cpus().isEmpty()) {
            if (wanted.cpus().equals(applied.cpus()) && pinned) {
                return;
            }
            String refused = setCpusEverywhere(CpuSet.of(wanted.cpus()));
            if (refused == null) {
                pinned = true;
                LOG.info("vrrp_cpu_affinity {}: every thread of hakeeperd runs on these CPUs", wanted.cpus());
            } else {
                warnings.add("vrrp_cpu_affinity " + wanted.cpus() + ": the kernel refused the CPU set: " + refused
                        + " (are these CPUs online and in hakeeperd's cpuset?); threads run on the CPUs they had");
            }
        } else if (pinned && originalCpus != null) {
            String refused = setCpusEverywhere(originalCpus);
            pinned = refused != null;
            if (refused != null) {
                warnings.add("vrrp_cpu_affinity removed: the CPUs hakeeperd started with "
                        + CpuSet.cpus(originalCpus) + " could not be restored: " + refused);
            } else {
                LOG.info("vrrp_cpu_affinity removed: threads run on {} again", CpuSet.cpus(originalCpus));
            }
        }
    }

    /**
     * Twice over the threads: one started while the first pass ran inherits its creator's set, which the
     * second pass catches. Returns the first refusal, or null.
     */
    private static String setCpusEverywhere(long[] mask) {
        String refused = null;
        for (int pass = 0; pass < 2; pass++) {
            for (Task task : JvmThreads.all()) {
                if (RealtimeLibC.sched_setaffinity(task.tid(), Kernel.CPU_SET_BYTES, mask) != 0) {
                    int errno = Kernel.errno();
                    if (errno != Kernel.ESRCH && refused == null) { // the thread ended meanwhile
                        refused = Kernel.describe(errno) + " for " + task.name() + " (tid " + task.tid() + ")";
                    }
                }
            }
        }
        return refused;
    }

    private void scheduling(ProcessPriorities wanted, List<Task> targets, List<String> warnings) {
        if (wanted.realtimePriority().isPresent()) {
            int priority = wanted.realtimePriority().getAsInt();
            String refused = null;
            boolean anyRealtime = false;
            for (Task task : targets) {
                // the loop's SCHED_RESET_ON_FORK keeps the plugin threads it starts at normal priority; the VM
                // thread has none, so that collector workers it starts later inherit its priority
                int policy = task.name().equals(LOOP) ? Kernel.SCHED_RR | Kernel.SCHED_RESET_ON_FORK : Kernel.SCHED_RR;
                if (RealtimeLibC.sched_setscheduler(task.tid(), policy, new int[] {priority}) == 0) {
                    anyRealtime = true;
                } else if (refused == null) {
                    refused = Kernel.describe(Kernel.errno()) + " for " + task.name() + " (tid " + task.tid() + ")";
                }
            }
            if (refused != null) {
                warnings.add("vrrp_rt_priority " + priority + ": the kernel refused SCHED_RR: " + refused + "; it"
                        + " needs CAP_SYS_NICE or an RLIMIT_RTPRIO of at least " + priority + " (systemd: LimitRTPRIO="
                        + "), and realtime runtime in a cgroup with CONFIG_RT_GROUP_SCHED; the threads refused run at"
                        + " normal priority");
            }
            if (anyRealtime) {
                realtime = true;
                rttime(wanted, warnings);
            }
            if (refused == null) {
                LOG.info("vrrp_rt_priority {}: {} and {} run SCHED_RR at {}; RLIMIT_RTTIME {}/{} us", priority, LOOP,
                        targets.subList(1, targets.size()).stream().map(Task::name).toList(), priority,
                        Math.max(2, wanted.effectiveRlimitRttime()) / 2, Math.max(2, wanted.effectiveRlimitRttime()));
            }
            if (wanted.nice().isPresent()) {
                LOG.info("vrrp_priority {} ignored: realtime threads have no nice level (as keepalived ignores it"
                        + " with vrrp_rt_priority)", wanted.nice().getAsInt());
            }
            return;
        }
        if (realtime) {
            for (Task task : targets) {
                RealtimeLibC.sched_setscheduler(task.tid(), Kernel.SCHED_OTHER, new int[] {0});
            }
            realtime = false;
            restoreRttime(warnings);
            LOG.info("vrrp_rt_priority removed: {} and the VM thread run SCHED_OTHER again", LOOP);
        }
        if (wanted.nice().isPresent()) {
            int nice = wanted.nice().getAsInt();
            // without the flag, threads the loop starts would inherit a negative nice level
            RealtimeLibC.sched_setscheduler(targets.get(0).tid(), Kernel.SCHED_OTHER | Kernel.SCHED_RESET_ON_FORK,
                    new int[] {0});
            String refused = setNice(targets, nice);
            niced = true;
            if (refused != null) {
                warnings.add("vrrp_priority " + nice + ": the kernel refused the nice level: " + refused + "; a"
                        + " level below the current one needs CAP_SYS_NICE or RLIMIT_NICE (systemd: LimitNICE=)");
            } else {
                LOG.info("vrrp_priority {}: {} and the VM thread run at nice {}", nice, LOOP, nice);
            }
        } else if (niced) {
            setNice(targets, originalNice);
            niced = false;
            LOG.info("vrrp_priority removed: {} and the VM thread run at nice {} again", LOOP, originalNice);
        }
    }

    private static String setNice(List<Task> targets, int nice) {
        String refused = null;
        for (Task task : targets) {
            if (RealtimeLibC.setpriority(Kernel.PRIO_PROCESS, task.tid(), nice) != 0 && refused == null) {
                refused = Kernel.describe(Kernel.errno()) + " for " + task.name() + " (tid " + task.tid() + ")";
            }
        }
        return refused;
    }

    /**
     * RLIMIT_RTTIME as keepalived sets it: SIGXCPU (logged) at half, SIGKILL from the kernel at the value; 1
     * counts as 2 so that the half is not 0.
     */
    private void rttime(ProcessPriorities wanted, List<String> warnings) {
        long hard = Math.max(2, wanted.effectiveRlimitRttime());
        handleSigxcpu();
        if (RealtimeLibC.setrlimit(Kernel.RLIMIT_RTTIME, new long[] {hard / 2, hard}) == 0) {
            rttimeSet = true;
            return;
        }
        int errno = Kernel.errno();
        long[] now = new long[2];
        RealtimeLibC.getrlimit(Kernel.RLIMIT_RTTIME, now);
        warnings.add("vrrp_rlimit_rttime " + hard + ": the kernel refused RLIMIT_RTTIME " + hard / 2 + "/" + hard
                + " us: " + Kernel.describe(errno) + "; it stays " + limit(now[0]) + "/" + limit(now[1]) + " (raising a"
                + " hard limit needs CAP_SYS_RESOURCE, and some kernels refuse it even then): restart hakeeperd to"
                + " raise it");
    }

    private void restoreRttime(List<String> warnings) {
        if (!rttimeSet) {
            return;
        }
        if (RealtimeLibC.setrlimit(Kernel.RLIMIT_RTTIME, originalRttime) == 0) {
            rttimeSet = false;
        } else {
            // no thread runs realtime any more, so the limit that stays counts for nothing
            LOG.info("vrrp_rlimit_rttime removed: RLIMIT_RTTIME stays as set, the kernel refused {} again: {}",
                    limit(originalRttime[1]), Kernel.describe(Kernel.errno()));
        }
    }

    private static String limit(long value) {
        return value == Kernel.RLIM_INFINITY ? "unlimited" : value + " us";
    }

    /**
     * Without a handler the JVM dies of SIGXCPU's default action at the soft limit, long before the hard
     * limit keepalived meant to be the end.
     */
    private void handleSigxcpu() {
        if (sigxcpuHandled) {
            return;
        }
        Signal.handle(new Signal("XCPU"), signal -> LOG.warn("vrrp_rlimit_rttime: a realtime thread of hakeeperd ran"
                + " half of RLIMIT_RTTIME without blocking (SIGXCPU); at the limit the kernel kills the daemon:"
                + " raise vrrp_rlimit_rttime if this repeats"));
        sigxcpuHandled = true;
    }

    private void memory(ProcessPriorities wanted, List<String> warnings) {
        if (wanted.noSwap() && !locked) {
            long[] memlock = new long[2];
            RealtimeLibC.getrlimit(Kernel.RLIMIT_MEMLOCK, memlock);
            if (!Capabilities.has(Kernel.CAP_IPC_LOCK) && memlock[0] != Kernel.RLIM_INFINITY) {
                warnings.add("vrrp_no_swap: memory not locked: hakeeperd has neither CAP_IPC_LOCK nor an unlimited"
                        + " RLIMIT_MEMLOCK (it is " + memlock[0] + " bytes), and under a limit the JVM's next heap"
                        + " growth or thread would fail once it is reached (systemd: LimitMEMLOCK=infinity)");
                return;
            }
            if (RealtimeLibC.mlockall(Kernel.MCL_CURRENT | Kernel.MCL_FUTURE | Kernel.MCL_ONFAULT) != 0) {
                warnings.add("vrrp_no_swap: the kernel refused mlockall: " + Kernel.describe(Kernel.errno())
                        + "; memory is not locked");
                return;
            }
            locked = true;
            long touched = touchAnonymousMemory(warnings);
            LOG.info("vrrp_no_swap: memory locked (mlockall), {} MiB of heap, stacks and other anonymous memory"
                    + " touched in advance", touched >> 20);
        } else if (!wanted.noSwap() && locked) {
            RealtimeLibC.munlockall();
            locked = false;
            LOG.info("vrrp_no_swap removed: memory unlocked (munlockall)");
        }
    }

    /**
     * mlock (without MCL_ONFAULT's laziness) faults in and locks each anonymous writable mapping: the Java
     * heap's committed part above all, what -XX:+AlwaysPreTouch would have touched at JVM start.
     */
    private static long touchAnonymousMemory(List<String> warnings) {
        long touched = 0;
        try {
            for (AnonymousMemory.Region region : AnonymousMemory.writable()) {
                if (RealtimeLibC.mlock(region.start(), region.length()) == 0) {
                    touched += region.length();
                } else if (Kernel.errno() != Kernel.ENOMEM) { // the mapping went meanwhile
                    warnings.add("vrrp_no_swap: memory is locked but could not all be touched in advance: "
                            + Kernel.describe(Kernel.errno()));
                    break;
                }
            }
        } catch (IOException e) {
            warnings.add("vrrp_no_swap: memory is locked but was not touched in advance: " + e.getMessage());
        }
        return touched;
    }
}
