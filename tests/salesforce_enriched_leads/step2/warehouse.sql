UPDATE warehouse.product_usage SET page_views = 20 WHERE user_id = 2;
