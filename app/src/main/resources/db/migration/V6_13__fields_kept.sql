-- write: if_empty fields left out because the destination already held a value: per run, and per audited record.
ALTER TABLE sync_run ADD COLUMN fields_kept BIGINT NOT NULL DEFAULT 0;
ALTER TABLE run_record ADD COLUMN kept_fields VARCHAR(4000);
