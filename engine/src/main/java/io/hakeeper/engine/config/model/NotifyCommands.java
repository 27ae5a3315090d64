package io.hakeeper.engine.config.model;

import java.util.List;
import java.util.Optional;

/**
 * The notify_* commands of an instance or sync group, each split into argv words as keepalived splits
 * them (quotes respected), stored as the operator wrote them.
 */
public record NotifyCommands(Optional<List<String>> master, Optional<List<String>> backup,
                             Optional<List<String>> fault, Optional<List<String>> stop,
                             Optional<List<String>> any, boolean smtpAlert) {
}
