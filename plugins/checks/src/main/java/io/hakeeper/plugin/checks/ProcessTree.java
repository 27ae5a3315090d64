package io.hakeeper.plugin.checks;

import java.util.List;

/**
 * Kills a process and everything it started, forcibly (SIGKILL), as keepalived kills a script that overran
 * its timeout. Descendants are listed before their parent dies, because afterwards they are re-parented and
 * can no longer be found from it; the parent dies first so that it starts nothing new. A child forked
 * between the listing and the parent's death escapes: a window of microseconds, which the process group
 * kill keepalived uses would close but Java cannot send.
 */
final class ProcessTree {

    private ProcessTree() {
    }

    static void kill(ProcessHandle root) {
        List<ProcessHandle> descendants = root.descendants().toList();
        root.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }
}
