-- Quotas every instance sharing this state store keeps together (sluice.quotas.shared); an instance keeping
-- its own (the embedded default) leaves these tables empty. Keys are opaque: today a destination's name
-- (breakers, budgets) or a pace such as "salesforce|10/1050ms" (buckets).

-- Bucket4j's token buckets of the vendors' rate limits: its serialized state, locked per call
CREATE TABLE quota_bucket (
    id    VARCHAR(300) PRIMARY KEY,
    state BYTEA
);

-- circuit breakers: a breaker opened by one instance is open for all; open_until in epoch milliseconds, so
-- that instances in other time zones read the same moment
CREATE TABLE circuit_breaker (
    breaker_key     VARCHAR(300) PRIMARY KEY,
    failed_in_a_row INT          NOT NULL,
    last_error      TEXT,
    open_until      BIGINT
);

-- daily request budgets (HubSpot's): calls counted on budget_day, in the account's time zone
CREATE TABLE daily_budget (
    budget_key VARCHAR(300) PRIMARY KEY,
    budget_day DATE         NOT NULL,
    used       BIGINT       NOT NULL
);
