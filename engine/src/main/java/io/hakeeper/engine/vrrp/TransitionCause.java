package io.hakeeper.engine.vrrp;

/** Why a state changed, in the few words that notifiers and the log show. */
public enum TransitionCause {
    STARTUP("startup"),
    ADDRESS_OWNER("address owner (priority 255)"),
    MASTER_DOWN_TIMER("master down timer expired"),
    HIGHER_PRIORITY_ADVERT("higher priority advert"),
    INTERFACE_DOWN("interface down"),
    INTERFACE_UP("interface up"),
    NO_SOURCE_ADDRESS("no address to send from"),
    NO_SOCKET("socket: cannot be opened"),
    CAN_SEND("can send adverts again"),
    TRACKED_FAULT("tracked item down or initialising"),
    TRACKED_CLEAR("all tracked items clear"),
    SHUTDOWN("shutdown"),
    SYNC_GROUP_MASTER("sync group going master"),
    SYNC_GROUP_BACKUP("sync group member went backup"),
    SYNC_GROUP_FAULT("sync group member in fault"),
    SYNC_GROUP_CLEAR("sync group fault cleared"),
    MEMBERS_CHANGED("member states changed"),
    MAINTENANCE("maintenance mode (ha-admin)");

    private final String text;

    TransitionCause(String text) {
        this.text = text;
    }

    /** The cause as shown to people ({@code Transition.cause()}). */
    public String text() {
        return text;
    }
}
