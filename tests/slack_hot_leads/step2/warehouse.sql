UPDATE warehouse.product_usage SET page_views = 300, trial_days_remaining = 2 WHERE user_id = 2;
