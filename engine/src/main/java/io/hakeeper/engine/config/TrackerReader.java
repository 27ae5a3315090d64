package io.hakeeper.engine.config;

import static io.hakeeper.engine.config.TrackerSchemas.*;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

import io.hakeeper.engine.config.model.ParamMatch;
import io.hakeeper.engine.config.model.TrackFile;
import io.hakeeper.engine.config.model.TrackProcess;

/** Reads {@code [vrrp_track_file.NAME]} and {@code [vrrp_track_process.NAME]}. */
final class TrackerReader {

    private TrackerReader() {
    }

    static TrackFile file(String name, SectionReader in) {
        KeyCheck.check(in.settings(), FILE_SECTION, in.log());
        OptionalLong init = in.optionalInteger(INIT_FILE).map(OptionalLong::of).orElse(OptionalLong.empty());
        return new TrackFile(name, in.string(FILE).orElse(""), in.integer(FILE_WEIGHT), init, in.settings());
    }

    static TrackProcess process(String name, SectionReader in) {
        KeyCheck.check(in.settings(), PROCESS_SECTION, in.log());
        int quorum = in.integer(QUORUM);
        OptionalInt quorumMax = in.optionalInteger(QUORUM_MAX).map(max -> OptionalInt.of(max.intValue()))
                .orElse(OptionalInt.empty());
        if (quorumMax.isPresent() && quorumMax.getAsInt() < quorum) {
            in.error(QUORUM_MAX, "expected at least quorum (" + quorum + "), got " + quorumMax.getAsInt());
        }
        return new TrackProcess(name, in.command(PROCESS).orElse(List.of()),
                in.choice(PARAM_MATCH, ParamMatch.class, false).orElse(ParamMatch.EXACT), in.integer(PROCESS_WEIGHT),
                quorum, quorumMax, in.seconds(DELAY), in.settings());
    }
}
