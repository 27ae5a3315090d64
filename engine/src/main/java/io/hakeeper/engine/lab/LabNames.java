package io.hakeeper.engine.lab;

import java.security.SecureRandom;
import java.util.OptionalLong;

/**
 * How one lab names its namespaces: {@code hklab-<pid>-<random>-<role>}. The shared prefix lets a later
 * lab find namespaces that a crashed run left behind; the pid tells it whether their owner is still alive,
 * so that a sweep never destroys a lab that another JVM is still using; the random part keeps two labs of
 * one JVM apart.
 *
 * <p>Namespace names are file names under {@code /var/run/netns} and have no 15-character limit; the
 * interface names inside the namespaces are short and fixed instead (see {@link NamespaceLab}).
 */
record LabNames(long ownerPid, String token) {

    static final String PREFIX = "hklab-";
    private static final String TOKEN_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    static LabNames forThisProcess() {
        StringBuilder token = new StringBuilder(4);
        for (int i = 0; i < 4; i++) {
            token.append(TOKEN_ALPHABET.charAt(RANDOM.nextInt(TOKEN_ALPHABET.length())));
        }
        return new LabNames(ProcessHandle.current().pid(), token.toString());
    }

    String namespace(String role) {
        return PREFIX + ownerPid + "-" + token + "-" + role;
    }

    /** The pid that created a lab namespace, if the name is one of ours. */
    static OptionalLong ownerOf(String namespace) {
        if (!namespace.startsWith(PREFIX)) {
            return OptionalLong.empty();
        }
        String rest = namespace.substring(PREFIX.length());
        int dash = rest.indexOf('-');
        try {
            return dash > 0 ? OptionalLong.of(Long.parseLong(rest.substring(0, dash))) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
