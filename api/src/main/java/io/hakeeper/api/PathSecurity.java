package io.hakeeper.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * keepalived's rule for code that runs as root (its {@code enable_script_security}): nobody but root may be
 * able to change or replace it. Every component of the path as written, and of the path with symbolic links
 * resolved, is examined without following links: each must be owned by root, and neither the file nor a
 * directory without the sticky bit may be writable by a group other than root's or by everyone. A directory
 * with the sticky bit ({@code /tmp}) is safe, since others cannot replace what root owns in it.
 *
 * <p>In the api so that the engine (plugin jars) and the plugins that run scripts as root apply one rule.
 */
public final class PathSecurity {

    private static final int STICKY = 01000;
    private static final int GROUP_WRITE = 020;
    private static final int OTHER_WRITE = 02;

    private PathSecurity() {
    }

    /** The first component someone other than root can change, described; empty when the path is safe. */
    public static Optional<String> findUnsafe(Path file) {
        try {
            Path absolute = file.toAbsolutePath();
            Optional<String> unsafe = firstUnsafe(absolute);
            return unsafe.isPresent() ? unsafe : firstUnsafe(absolute.toRealPath());
        } catch (IOException e) {
            return Optional.of("cannot examine " + file + ": " + e.getMessage());
        }
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
