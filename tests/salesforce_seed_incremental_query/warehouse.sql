CREATE SCHEMA analytics;
CREATE TABLE analytics.leads (email VARCHAR(200) PRIMARY KEY, company VARCHAR(200), lead_score VARCHAR(10),
                              updated_at TIMESTAMP NOT NULL);
INSERT INTO analytics.leads VALUES
  ('ada@example.com', 'Analytical Engines', 'hot', TIMESTAMP '2026-11-01 09:00:00'),
  ('alan@example.com', 'Bletchley', 'warm', TIMESTAMP '2026-11-02 10:30:00'),
  ('grace@example.com', 'Navy', 'cold', TIMESTAMP '2026-11-03 11:00:00');
