UPDATE analytics.customer_360 SET name = 'Edsger Dijkstra' WHERE customer_id = 'cus_00002';
