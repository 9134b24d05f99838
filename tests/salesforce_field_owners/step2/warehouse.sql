-- the warehouse changes every column; Ada's phone and Alan's title become NULL
UPDATE analytics.leads SET company = 'Engines Ltd', title = 'Director', source = 'Ads', phone = NULL
  WHERE email = 'ada@example.com';
UPDATE analytics.leads SET company = 'GCHQ', title = NULL, source = 'Ads', phone = '+44 1908 640404'
  WHERE email = 'alan@example.com';
