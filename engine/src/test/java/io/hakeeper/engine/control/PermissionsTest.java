package io.hakeeper.engine.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class PermissionsTest {

    private static final List<String> PASSWD = List.of("root:x:0:0::/root:/bin/sh",
            "alice:x:1000:1000::/home/alice:/bin/sh", "bob:x:1001:1001::/home/bob:/bin/sh",
            "carol:x:1002:27::/home/carol:/bin/sh");
    private static final List<String> GROUP = List.of("root:x:0:", "sudo:x:27:alice", "alice:x:1000:",
            "bob:x:1001:");

    @Test
    void rootMayAlwaysChange() {
        assertTrue(new Permissions(Optional.empty(), Path.of("/nonexistent"), Path.of("/nonexistent"))
                .mayChange(new PeerCredentials(0, 0, 1)));
    }

    @Test
    void withoutAnAdminGroupOnlyRootMay() {
        assertFalse(new Permissions(Optional.empty(), Path.of("/etc/passwd"), Path.of("/etc/group"))
                .mayChange(new PeerCredentials(1000, 1000, 1)));
    }

    @Test
    void aSupplementaryMemberOfTheAdminGroupMay() {
        assertTrue(Permissions.isMember(new PeerCredentials(1000, 1000, 1), "sudo", PASSWD, GROUP));
    }

    @Test
    void aUserWhosePrimaryGroupIsTheAdminGroupMay() {
        assertTrue(Permissions.isMember(new PeerCredentials(1002, 500, 1), "sudo", PASSWD, GROUP));
    }

    @Test
    void aPeerRunningWithTheAdminGroupAsItsGidMay() {
        assertTrue(Permissions.isMember(new PeerCredentials(4242, 27, 1), "sudo", PASSWD, GROUP));
    }

    @Test
    void anyoneElseMayNot() {
        assertFalse(Permissions.isMember(new PeerCredentials(1001, 1001, 1), "sudo", PASSWD, GROUP));
        assertFalse(Permissions.isMember(new PeerCredentials(1000, 1000, 1), "wheel", PASSWD, GROUP));
    }
}
