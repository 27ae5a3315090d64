package io.hakeeper.engine.control;

/** Who is at the other end of a control connection, as the kernel says (SO_PEERCRED). */
public record PeerCredentials(int uid, int gid, int pid) {

    @Override
    public String toString() {
        return "uid=" + uid + " gid=" + gid + " pid=" + pid;
    }
}
