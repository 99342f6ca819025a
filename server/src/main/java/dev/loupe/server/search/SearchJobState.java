package dev.loupe.server.search;

import com.fasterxml.jackson.annotation.JsonValue;

/** The state of a search job, spelled on the wire exactly as Sumo Logic spells it. */
public enum SearchJobState {
    NOT_STARTED("NOT STARTED"),
    GATHERING_RESULTS("GATHERING RESULTS"),
    DONE_GATHERING_RESULTS("DONE GATHERING RESULTS"),
    CANCELLED("CANCELLED");

    private final String apiName;

    SearchJobState(String apiName) {
        this.apiName = apiName;
    }

    /** The wire spelling, e.g. {@code DONE GATHERING RESULTS}. */
    @JsonValue
    public String apiName() {
        return apiName;
    }
}
