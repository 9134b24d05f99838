-- Records a processor dropped on purpose: read, not sent, not an error.
ALTER TABLE sync_run ADD COLUMN filtered BIGINT NOT NULL DEFAULT 0;
