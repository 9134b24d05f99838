package io.sluice.runs;

/** A sync whose blocked plan waits for an operator starts no other run until it is approved or discarded. */
public class SyncBlockedException extends RuntimeException {

    public SyncBlockedException(SyncRun blocked) {
        super("sync '" + blocked.sync() + "' has run " + blocked.id() + " blocked by the "
                + blocked.blockedBy().guard() + " guard (" + blocked.blockedBy().reason() + "); approve it with"
                + " POST /admin/runs/" + blocked.id() + "/approve or discard it with POST /admin/runs/" + blocked.id()
                + "/discard first");
    }
}
