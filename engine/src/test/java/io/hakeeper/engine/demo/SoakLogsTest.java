package io.hakeeper.engine.demo;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class SoakLogsTest {

    private static final List<String> LOGGED = List.of("BACKUP", "MASTER", "BACKUP", "FAULT", "BACKUP", "STOP");

    @Test
    void notificationsLeftOutAreInOrderButReorderedOrInventedOnesAreNot() {
        assertTrue(SoakLogs.inOrder(LOGGED, LOGGED));
        assertTrue(SoakLogs.inOrder(List.of("BACKUP", "MASTER"), LOGGED), "the rest not told yet");
        assertTrue(SoakLogs.inOrder(List.of("BACKUP", "FAULT", "STOP"), LOGGED), "some never told");
        assertFalse(SoakLogs.inOrder(List.of("MASTER", "BACKUP", "BACKUP", "BACKUP"), LOGGED), "one told twice");
        assertFalse(SoakLogs.inOrder(List.of("BACKUP", "FAULT", "MASTER"), LOGGED), "reordered");
        assertFalse(SoakLogs.inOrder(List.of("BACKUP", "MASTER", "MASTER"), LOGGED), "invented");
    }
}
