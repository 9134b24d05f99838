CREATE SCHEMA analytics;
CREATE TABLE analytics.customer_360 (customer_id VARCHAR(40) PRIMARY KEY, name VARCHAR(200) NOT NULL,
                                     churn_score DECIMAL(5, 4));
INSERT INTO analytics.customer_360 VALUES ('cus_00001', 'Thompson', 0.8), ('cus_00002', 'Backus', 0.1);
