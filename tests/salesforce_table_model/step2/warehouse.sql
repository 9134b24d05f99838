DELETE FROM analytics.customer_360 WHERE customer_id = 'cus_00002';
