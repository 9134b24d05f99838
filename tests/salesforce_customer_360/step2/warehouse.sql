DELETE FROM analytics.customer_360 WHERE customer_id = 'cus_00002';
UPDATE analytics.customer_360 SET product_tier = 'pro' WHERE customer_id = 'cus_00003';
