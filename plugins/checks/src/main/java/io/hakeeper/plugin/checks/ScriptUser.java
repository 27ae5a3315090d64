package io.hakeeper.plugin.checks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.List;
import java.util.Optional;

import io.hakeeper.api.Settings;

/**
 * Who a script runs as, decided as keepalived decides it: the configured {@code "USER [GROUP]"} (or
 * {@code "USER:GROUP"}); else the user {@code keepalived_script} when it exists; else the daemon's own user,
 * which {@code enable_script_security} forbids. Another user is reached through util-linux's
 * {@code setpriv --reuid U --regid G --init-groups}, which execs the script in place (so the script keeps
 * the pid the engine watches) with the user's supplementary groups; without a group, the user's primary
 * group, looked up with {@code id -gn} when the script first runs.
 */
final class ScriptUser {

    static final String DEFAULT_USER = "keepalived_script";
    private static final String ROOT = "root";

    private final Optional<String> user;
    private final Optional<String> group;
    private final boolean root;
    private List<String> prefix;

    private ScriptUser(Optional<String> user, Optional<String> group, boolean root) {
        this.user = user;
        this.group = group;
        this.root = root;
    }

    static ScriptUser resolve(Settings settings, String key, boolean scriptSecurity) {
        UserPrincipalLookupService users = FileSystems.getDefault().getUserPrincipalLookupService();
        Optional<String> written = settings.optionalString(key);
        if (written.isEmpty()) {
            if (exists(users, DEFAULT_USER)) {
                return new ScriptUser(Optional.of(DEFAULT_USER), Optional.empty(), false);
            }
            if (scriptSecurity) {
                throw settings.invalid(key, "expected a user to run the script as: enable_script_security does not"
                        + " run scripts as the daemon's own user; set user or global_defs.script_user, or create"
                        + " the user " + DEFAULT_USER);
            }
            return new ScriptUser(Optional.empty(), Optional.empty(), ROOT.equals(System.getProperty("user.name")));
        }
        String[] words = written.get().trim().split("[\\s:]+");
        if (words.length == 0 || words[0].isEmpty() || words.length > 2) {
            throw settings.invalid(key, "expected \"USER\" or \"USER GROUP\", got \"" + written.get() + "\"");
        }
        if (!exists(users, words[0])) {
            throw settings.invalid(key, "no user " + words[0] + " on this host");
        }
        Optional<String> group = words.length == 2 ? Optional.of(words[1]) : Optional.empty();
        if (group.isPresent() && !groupExists(users, group.get())) {
            throw settings.invalid(key, "no group " + group.get() + " on this host");
        }
        boolean root = ROOT.equals(words[0]) || group.map(ROOT::equals).orElse(false);
        return new ScriptUser(Optional.of(words[0]), group, root);
    }

    /** Whether the script runs with root's user or group, which is when keepalived checks its path. */
    boolean isRoot() {
        return root;
    }

    /** The words to put before the script's own: empty to run as the daemon's user. */
    List<String> commandPrefix() throws IOException, InterruptedException {
        if (prefix == null) {
            prefix = user.isEmpty() ? List.of()
                    : List.of("setpriv", "--reuid", user.get(), "--regid", group.orElse(primaryGroup(user.get())),
                            "--init-groups", "--");
        }
        return prefix;
    }

    private static String primaryGroup(String user) throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", "-gn", "--", user).redirectErrorStream(true).start();
        String out = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (id.waitFor() != 0 || out.isEmpty()) {
            throw new IOException("cannot find the primary group of user " + user + ": " + out);
        }
        return out;
    }

    private static boolean exists(UserPrincipalLookupService users, String name) {
        return found("user", name, users::lookupPrincipalByName);
    }

    private static boolean groupExists(UserPrincipalLookupService users, String name) {
        return found("group", name, users::lookupPrincipalByGroupName);
    }

    /** Whether the host's user database (through the JDK's getpwnam / getgrnam) knows the name. */
    private static boolean found(String what, String name, Lookup lookup) {
        try {
            lookup.find(name);
            return true;
        } catch (UserPrincipalNotFoundException e) {
            return false;
        } catch (IOException e) {
            throw new IllegalStateException("cannot look up " + what + " " + name, e);
        }
    }

    @FunctionalInterface
    private interface Lookup {
        Object find(String name) throws IOException;
    }
}
