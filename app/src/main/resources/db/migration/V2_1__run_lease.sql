-- At most one run per sync across every instance sharing this state store: a run holds its sync's lease,
-- renews it while it is alive and deletes it when it ends. A lease past its expiry belongs to an instance
-- that died (or stalled); the next instance to start that sync takes it over and closes the orphaned run.
CREATE TABLE sync_lease (
    sync_name  VARCHAR(200) PRIMARY KEY,
    owner      VARCHAR(200) NOT NULL,
    expires_at TIMESTAMP    NOT NULL
);

-- the instance that ran it; a RUNNING run is alive only while that instance holds its sync's lease
ALTER TABLE sync_run ADD COLUMN instance_id VARCHAR(200);
