-- Alan changed after the first run; Grace's company changed without updated_at saying so
UPDATE analytics.leads SET lead_score = 'hot', updated_at = TIMESTAMP '2099-01-01 00:00:00' WHERE email = 'alan@example.com';
UPDATE analytics.leads SET company = 'US Navy' WHERE email = 'grace@example.com';
