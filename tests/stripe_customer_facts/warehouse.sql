CREATE SCHEMA analytics;
CREATE TABLE analytics.customer_360 (customer_id VARCHAR(40) PRIMARY KEY, name VARCHAR(200) NOT NULL,
    email VARCHAR(200), lifetime_value DECIMAL(12, 2) NOT NULL, churn_score DECIMAL(5, 4) NOT NULL,
    product_tier VARCHAR(20) NOT NULL, last_activity_at TIMESTAMP, updated_at TIMESTAMP NOT NULL);
INSERT INTO analytics.customer_360 VALUES
  ('cus_00001', 'Tim Thompson', 'Tim.Thompson@Example.org', 381.58, 0.8823, 'pro', NULL, TIMESTAMP '2026-11-13 10:00:00'),
  ('cus_00002', 'Edsger Backus', 'edsger@example.org', 26687.52, 0.3856, 'free', NULL, TIMESTAMP '2026-11-13 10:00:00'),
  ('cus_00003', 'Barbara Liskov', 'barbara@example.org', 1200.00, 0.1000, 'enterprise', NULL, TIMESTAMP '2026-11-13 10:00:00');
