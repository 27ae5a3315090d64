package io.hakeeper.plugin.checks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * keepalived's rule for a script that runs as root: nobody but root may be able to change or replace it.
 * Every component of the path as written, and of the path with symbolic links resolved, is examined
 * without following links: each must be owned by root, and neither the file nor a directory without the
 * sticky bit may be writable by a group other than root's or by everyone. A directory with the sticky bit
 * ({@code /tmp}) is safe, since others cannot replace what root owns in it.
 */
final class ScriptSecurity {

    private static final Logger LOG = LoggerFactory.getLogger(ScriptSecurity.class);
    private static final int STICKY = 01000;
    private static final int GROUP_WRITE = 020;
    private static final int OTHER_WRITE = 02;

    private ScriptSecurity() {
    }

    /** The first unsafe component, described; empty when the path is safe. */
    static Optional<String> findUnsafe(Path program) {
        try {
            Path absolute = program.toAbsolutePath();
            Optional<String> unsafe = firstUnsafe(absolute);
            return unsafe.isPresent() ? unsafe : firstUnsafe(absolute.toRealPath());
        } catch (IOException e) {
            return Optional.of("cannot examine " + program + ": " + e.getMessage());
        }
    }

    static void warn(String check, Path program, String unsafe) {
        LOG.warn("vrrp_script {}: {} runs as root but {}; set global_defs.enable_script_security to refuse it",
                check, program, unsafe);
    }

    private static Optional<String> firstUnsafe(Path path) throws IOException {
        List<Path> components = new ArrayList<>();
        for (Path p = path; p != null; p = p.getParent()) {
            components.add(0, p);
        }
        for (Path component : components) {
            int mode = (Integer) Files.getAttribute(component, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            int uid = (Integer) Files.getAttribute(component, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            int gid = (Integer) Files.getAttribute(component, "unix:gid", LinkOption.NOFOLLOW_LINKS);
            boolean directory = Files.isDirectory(component, LinkOption.NOFOLLOW_LINKS);
            boolean link = Files.isSymbolicLink(component);
            if (uid != 0) {
                return Optional.of(component + " is owned by uid " + uid + ", not root");
            }
            boolean guarded = link || (directory && (mode & STICKY) != 0);
            boolean groupWritable = gid != 0 && (mode & GROUP_WRITE) != 0;
            if (!guarded && (groupWritable || (mode & OTHER_WRITE) != 0)) {
                return Optional.of(component + " is writable by " + (groupWritable ? "group " + gid : "everyone"));
            }
        }
        return Optional.empty();
    }
}
