CREATE SCHEMA marts;
CREATE TABLE marts.customer_360 (customer_id VARCHAR(40) PRIMARY KEY, name VARCHAR(200) NOT NULL, email VARCHAR(200));
INSERT INTO marts.customer_360 VALUES
  ('cus_00001', 'Thompson', 'tim@example.org'),
  ('cus_00002', 'Backus', 'edsger@example.org');
