package io.hakeeper.engine.config.model;

import java.util.Optional;

/** The user, and optionally the group, a script runs as ({@code "nobody nogroup"}). */
public record RunAs(String user, Optional<String> group) {
}
