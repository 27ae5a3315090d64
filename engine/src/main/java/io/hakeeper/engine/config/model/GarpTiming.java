package io.hakeeper.engine.config.model;

import java.time.Duration;

/**
 * When and how often gratuitous ARPs / unsolicited NAs go out (keepalived's garp_* keys). Global defaults
 * in {@code global_defs}, overridden per instance.
 *
 * @param masterDelay        wait before the second set after becoming master; zero means no second set
 * @param masterRepeat       messages per set after becoming master
 * @param lowerPrioDelay     like masterDelay, after a lower-priority advert while master
 * @param lowerPrioRepeat    like masterRepeat, after a lower-priority advert while master; 0 means none
 * @param masterRefresh      interval of refreshes while master; zero means no refresh
 * @param masterRefreshRepeat messages per refresh
 */
public record GarpTiming(Duration masterDelay, int masterRepeat, Duration lowerPrioDelay, int lowerPrioRepeat,
                         Duration masterRefresh, int masterRefreshRepeat) {
}
