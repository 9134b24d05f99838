CREATE SCHEMA warehouse;
CREATE TABLE warehouse.leads (user_id INTEGER PRIMARY KEY, email VARCHAR(200), first_name VARCHAR(100),
                              last_name VARCHAR(100), company VARCHAR(200));
CREATE TABLE warehouse.product_usage (user_id INTEGER PRIMARY KEY, page_views INTEGER NOT NULL,
                                      trial_days_remaining INTEGER NOT NULL, features_used VARCHAR(500),
                                      last_active_at TIMESTAMP NOT NULL);
INSERT INTO warehouse.leads VALUES
  (1, 'ada@example.com', 'Ada', 'Lovelace', 'Analytical Engines'),
  (2, 'alan@example.com', 'Alan', 'Turing', 'Bletchley'),
  (3, 'grace@example', 'Grace', 'Hopper', 'Navy');
INSERT INTO warehouse.product_usage VALUES
  (1, 150, 3, 'exports;sso', TIMESTAMP '2026-11-01 09:00:00'),
  (2, 60, 20, 'reports', TIMESTAMP '2026-11-02 10:30:00'),
  (3, 10, 25, NULL, TIMESTAMP '2026-11-03 11:00:00');
