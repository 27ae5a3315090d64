package io.hakeeper.api;

/** The states of a VRRP instance or sync group, as RFC 5798 and keepalived name them. */
public enum VrrpState {
    INIT, BACKUP, MASTER, FAULT, STOP
}
