package io.hakeeper.engine.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Who may change things: uid 0, or a member of {@code admin_group} — by the peer's own gid, by the primary
 * group of its user in the passwd database, or as a supplementary member listed in the group database (what
 * {@code getgrouplist(3)} would say for files-backed users). The files are read at every change request, so a
 * group membership granted or taken away applies without a restart. Reading is for whoever can connect: the
 * socket's mode and group decide that.
 */
public final class Permissions {

    private final Supplier<Optional<String>> adminGroup;
    private final Path passwd;
    private final Path group;

    /**
     * @param adminGroup the group whose members may change things; empty: root only
     */
    public Permissions(Optional<String> adminGroup, Path passwd, Path group) {
        this(() -> adminGroup, passwd, group);
    }

    /** @param adminGroup asked at every change: a reload may change admin_group */
    public Permissions(Supplier<Optional<String>> adminGroup, Path passwd, Path group) {
        this.adminGroup = adminGroup;
        this.passwd = passwd;
        this.group = group;
    }

    public static Permissions system(Supplier<Optional<String>> adminGroup) {
        return new Permissions(adminGroup, Path.of("/etc/passwd"), Path.of("/etc/group"));
    }

    public Optional<String> adminGroup() {
        return adminGroup.get();
    }

    /** Whether {@code peer} may change the daemon's state. */
    public boolean mayChange(PeerCredentials peer) {
        if (peer.uid() == 0) {
            return true;
        }
        Optional<String> name = adminGroup.get();
        if (name.isEmpty()) {
            return false;
        }
        return isMember(peer, name.get(), lines(passwd), lines(group));
    }

    /** The rule on the databases' lines, for tests. */
    static boolean isMember(PeerCredentials peer, String groupName, List<String> passwdLines, List<String> groupLines) {
        for (String line : groupLines) {
            String[] fields = line.split(":", -1);
            if (fields.length < 4 || !fields[0].equals(groupName)) {
                continue;
            }
            long gid = parse(fields[2]);
            if (gid == peer.gid()) {
                return true;
            }
            Optional<String[]> user = userOf(peer.uid(), passwdLines);
            if (user.isEmpty()) {
                return false;
            }
            if (parse(user.get()[3]) == gid) {
                return true;
            }
            for (String member : fields[3].split(",")) {
                if (member.trim().equals(user.get()[0])) {
                    return true;
                }
            }
            return false;
        }
        return false;
    }

    private static Optional<String[]> userOf(int uid, List<String> passwdLines) {
        for (String line : passwdLines) {
            String[] fields = line.split(":", -1);
            if (fields.length >= 4 && parse(fields[2]) == uid) {
                return Optional.of(fields);
            }
        }
        return Optional.empty();
    }

    private static long parse(String number) {
        try {
            return Long.parseLong(number.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }
}
