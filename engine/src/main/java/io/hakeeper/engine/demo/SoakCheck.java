package io.hakeeper.engine.demo;

/**
 * One judgement of one invariant: passed or failed, with what was seen.
 *
 * @param fault the number of the fault after which it was judged, 0 for checks of the whole run
 */
record SoakCheck(SoakInvariant invariant, boolean passed, int fault, String detail) {

    static SoakCheck pass(SoakInvariant invariant, int fault) {
        return new SoakCheck(invariant, true, fault, "");
    }

    static SoakCheck fail(SoakInvariant invariant, int fault, String detail) {
        return new SoakCheck(invariant, false, fault, detail);
    }
}
