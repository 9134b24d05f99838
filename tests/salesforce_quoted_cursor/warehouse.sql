CREATE SCHEMA analytics;
CREATE TABLE analytics.leads (email VARCHAR(200) PRIMARY KEY, company VARCHAR(200), revision VARCHAR(40) NOT NULL);
INSERT INTO analytics.leads VALUES
  ('ada@example.com', 'Analytical Engines', 'r''1'),
  ('alan@example.com', 'Bletchley', 'r''2'' OR ''1''=''1');
