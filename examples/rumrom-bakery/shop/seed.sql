-- RUMROM Bakery demo data: a catalogue and three customers with orders, addresses and cake designs.
-- The upload rows point at files in uploads/ (copied into the file store on first start).

insert into products (sku, name_en, name_ar, kind, price) values
  ('CK-PIST', 'Pistachio rose cake', 'كيكة الفستق والورد', 'cake', 14.500),
  ('CK-SAFF', 'Saffron milk cake', 'كيكة الحليب بالزعفران', 'cake', 12.750),
  ('SW-MAAM', 'Date ma''amoul (box of 12)', 'معمول التمر (علبة 12 قطعة)', 'sweets', 4.250),
  ('SW-LQMT', 'Luqaimat with date syrup', 'لقيمات بدبس التمر', 'sweets', 2.500),
  ('PS-KNAF', 'Cheese kunafa', 'كنافة بالجبن', 'pastry', 6.000),
  ('CC-DSGN', 'Custom cake (your design)', 'كيكة حسب تصميمك', 'custom-cake', 25.000);

-- Passwords are stored as scrypt hashes (PHC format) of demo-password-1, -2 and -3.
insert into customers (id, first_name, last_name, email, phone, password_hash, birth_date, created_at) values
  (1, 'Layla', 'Ahmad', 'Layla.Ahmad@example.com', '+965 9912 3456',
   '$scrypt$ln=14,r=8,p=1$sRYzH5bc/I7UDXJqYVAuUA$IBgqQ71vQMClAnuz6qiCaC0rpkoxo9rjaD2TsEBQjTY', '1994-03-12', '2026-01-05T10:00:00Z'),
  (2, 'يوسف', 'المطيري', 'Yousef.AlMutairi@Example.com', '+96566001122',
   '$scrypt$ln=14,r=8,p=1$QTmWzY0Aw3pPOqlmQK0J1g$v2EeUtGN8cirM+zDPSXcGULx0Z6cpfUw0CztwUzyUmk', '1988-11-02', '2026-02-14T18:30:00Z'),
  (3, 'Noura', 'Al-Kandari', 'noura.k@example.com', '0096550123456',
   '$scrypt$ln=14,r=8,p=1$Yi3u3mGwnLibzdvwkLXnEg$ZpWr1aSqVOQ9Z6dnPSG81BaBXUlRpf6fK7GoZPT6g+A', '2001-07-21', '2026-03-01T08:15:00Z');
select setval('customers_id_seq', 3);

insert into addresses (id, customer_id, area, block, street, building, floor, apartment, directions) values
  (1, 1, 'Salmiya', '10', 'Baghdad St', '12', '3', '7', 'Blue door next to the pharmacy'),
  (2, 2, 'الجابرية', '1A', 'شارع 101', '45', null, null, 'بجانب المسجد'),
  (3, 3, 'Kuwait City', '2', 'Fahad Al-Salem St', '8', '11', '1102', null);
select setval('addresses_id_seq', 3);

insert into cake_designs (id, customer_id, size, flavour, message_text, design_elements, created_at) values
  (1, 1, '2 tiers', 'pistachio', 'Happy birthday Sara!',
   '{"decorations": ["fresh roses", "gold leaf"], "colours": ["blush", "gold"]}', '2026-04-02T09:00:00Z'),
  (2, 2, '8 inch', 'saffron', 'مبروك التخرج يا فهد',
   '{"decorations": ["graduation cap"], "colours": ["navy", "white"]}', '2026-04-20T16:00:00Z');
select setval('cake_designs_id_seq', 2);

insert into uploads (customer_id, design_id, path, content_type, byte_size, created_at) values
  (1, 1, 'designs/layla-birthday.png', 'image/png', 254, '2026-04-02T09:01:00Z'),
  (2, 2, 'designs/yousef-graduation.png', 'image/png', 284, '2026-04-20T16:02:00Z');

insert into orders (id, customer_id, ordered_at, status, total, delivery_slot, payment_token, card_last4) values
  (1, 1, '2026-03-10T12:00:00Z', 'delivered', 18.750, '2026-03-11 16:00-18:00', 'tok_demo_4b1f', '4242'),
  (2, 1, '2026-04-03T10:30:00Z', 'delivered', 25.000, '2026-04-05 10:00-12:00', 'tok_demo_9c2a', '4242'),
  (3, 2, '2026-04-21T19:45:00Z', 'delivered', 31.000, '2026-04-24 18:00-20:00', 'tok_demo_77de', '0005'),
  (4, 3, '2026-05-02T07:20:00Z', 'placed', 8.500, '2026-05-03 08:00-10:00', 'tok_demo_1e0b', '1881'),
  -- a guest order: no account
  (5, null, '2026-05-04T13:00:00Z', 'delivered', 4.250, '2026-05-04 18:00-20:00', 'tok_demo_a0a0', '3220');
select setval('orders_id_seq', 5);

insert into order_items (order_id, product_id, design_id, quantity, unit_price) values
  (1, 1, null, 1, 14.500),
  (1, 3, null, 1, 4.250),
  (2, 6, 1, 1, 25.000),
  (3, 6, 2, 1, 25.000),
  (3, 5, null, 1, 6.000),
  (4, 4, null, 1, 2.500),
  (4, 5, null, 1, 6.000),
  (5, 3, null, 1, 4.250);

insert into sessions (id, customer_id, ip_address, user_agent, created_at, expires_at) values
  ('sess_demo_layla', 1, '192.0.2.10', 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)',
   '2026-04-02T08:55:00Z', '2026-05-02T08:55:00Z'),
  ('sess_demo_yousef', 2, '198.51.100.23', 'Mozilla/5.0 (Linux; Android 15)',
   '2026-04-20T15:50:00Z', '2026-05-20T15:50:00Z');

insert into events (customer_id, anonymous_id, page, product_id, search_query, occurred_at, ip_address, device_type, operating_system) values
  (1, 'anon-7f3a', '/en/cakes/pistachio-rose', 1, null, '2026-03-10T11:50:00Z', '192.0.2.10', 'mobile', 'iOS 18'),
  (1, 'anon-7f3a', '/en/search', null, 'birthday cake', '2026-04-02T08:58:00Z', '192.0.2.10', 'mobile', 'iOS 18'),
  (2, 'anon-2b91', '/ar/custom-cake', 6, null, '2026-04-20T15:55:00Z', '198.51.100.23', 'mobile', 'Android 15'),
  (null, 'anon-c0de', '/en', null, null, '2026-05-01T20:00:00Z', '203.0.113.5', 'desktop', 'Windows 11');
