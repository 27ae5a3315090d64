package io.hakeeper.engine.vrrp;

import java.util.ArrayList;
import java.util.List;

/** What the machines under test asked for, taken out of their buffer (which is left empty). */
final class BufferedActions {

    private BufferedActions() {
    }

    static List<Action> drain(ActionBuffer out) {
        List<Action> actions = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            actions.add(out.action(i));
        }
        out.clear();
        return actions;
    }
}
