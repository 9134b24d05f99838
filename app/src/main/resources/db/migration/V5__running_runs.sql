-- Every instance looks for RUNNING runs whose sync has no lease, across all syncs, once per lease renewal;
-- sync_run_by_status leads with the sync's name and does not serve that.
CREATE INDEX sync_run_by_status_alone ON sync_run (status);
