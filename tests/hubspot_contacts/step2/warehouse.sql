UPDATE analytics.customer_360 SET lifetime_value = 500.00 WHERE customer_id = 'cus_00001';
