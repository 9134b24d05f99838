CREATE SCHEMA analytics;
CREATE TABLE analytics.leads (email VARCHAR(200) PRIMARY KEY, company VARCHAR(200), title VARCHAR(100),
                              source VARCHAR(40), phone VARCHAR(40));
INSERT INTO analytics.leads VALUES
  ('ada@example.com', 'Analytical Engines', 'Countess', 'Webinar', '+44 20 7946 0001'),
  ('alan@example.com', 'Bletchley', 'Cryptanalyst', 'Referral', NULL);
