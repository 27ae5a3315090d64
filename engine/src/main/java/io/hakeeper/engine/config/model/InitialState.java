package io.hakeeper.engine.config.model;

/** The state an instance starts in (keepalived's {@code state}); the election decides after that. */
public enum InitialState {
    MASTER,
    BACKUP
}
