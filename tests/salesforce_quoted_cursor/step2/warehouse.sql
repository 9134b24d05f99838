-- the watermark is r'2' OR '1'='1: spliced into the SQL it would read every row
INSERT INTO analytics.leads VALUES ('grace@example.com', 'Navy', 'r''3');
UPDATE analytics.leads SET company = 'Engines' WHERE email = 'ada@example.com';
