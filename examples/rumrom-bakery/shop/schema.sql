-- RUMROM Bakery: the shop's own database, as its developer wrote it.
-- Ordinary foreign keys: RESTRICT (PostgreSQL's default, NO ACTION) everywhere, no ON DELETE CASCADE.
-- Identity lookups are indexed the way Amana compares them (lower(email), a phone's digits).

create table products (
  id          bigserial primary key,
  sku         varchar(32) not null unique,
  name_en     varchar(80) not null,
  name_ar     varchar(80) not null,
  kind        varchar(20) not null check (kind in ('cake', 'sweets', 'pastry', 'custom-cake')),
  price       numeric(10, 3) not null check (price >= 0) -- KWD has three decimals
);

create table customers (
  id             bigserial primary key,
  first_name     varchar(60) not null,
  last_name      varchar(60) not null,
  email          varchar(160) not null unique,
  phone          varchar(32),
  password_hash  text not null,
  birth_date     date,
  -- An under-18's account waits for a parent's or guardian's consent before it may order.
  status         varchar(20) not null default 'active' check (status in ('active', 'awaiting-parent')),
  created_at     timestamptz not null default now()
);
create index customers_email_lower on customers (lower(email));
create index customers_phone_digits on customers ((ltrim(regexp_replace(phone, '[^0-9]', '', 'g'), '0')));

-- The parent or guardian asked to agree to an under-18's account: the link's token is kept only as a hash.
create table parental_consents (
  id            bigserial primary key,
  customer_id   bigint not null references customers (id),
  parent_email  varchar(160) not null,
  token_hash    char(64) not null unique,
  requested_at  timestamptz not null default now(),
  approved_at   timestamptz
);
create index parental_consents_customer on parental_consents (customer_id);

create table addresses (
  id           bigserial primary key,
  customer_id  bigint not null references customers (id),
  area         varchar(60) not null,
  block        varchar(10) not null,
  street       varchar(80) not null,
  building     varchar(20) not null,
  floor        varchar(10),
  apartment    varchar(10),
  directions   text
);
create index addresses_customer on addresses (customer_id);

-- Guest orders have no customer; the amounts are kept for tax, so the link may be emptied.
create table orders (
  id             bigserial primary key,
  customer_id    bigint references customers (id),
  ordered_at     timestamptz not null default now(),
  status         varchar(20) not null default 'placed',
  total          numeric(10, 3) not null,
  delivery_slot  varchar(40),
  payment_token  varchar(64),
  card_last4     char(4)
);
create index orders_customer on orders (customer_id);

create table cake_designs (
  id               bigserial primary key,
  customer_id      bigint not null references customers (id),
  size             varchar(20) not null,
  flavour          varchar(40) not null,
  message_text     varchar(120),
  design_elements  jsonb not null default '{}',
  created_at       timestamptz not null default now()
);
create index cake_designs_customer on cake_designs (customer_id);

-- The reference images customers upload for their designs: the file sits in the shop's file
-- store (RUMROM_UPLOADS_DIR), the row holds its path relative to that directory.
create table uploads (
  id            bigserial primary key,
  customer_id   bigint not null references customers (id),
  design_id     bigint references cake_designs (id),
  path          varchar(200) not null unique,
  content_type  varchar(60) not null,
  byte_size     integer not null,
  created_at    timestamptz not null default now()
);
create index uploads_customer on uploads (customer_id);
create index uploads_design on uploads (design_id);

create table order_items (
  id          bigserial primary key,
  order_id    bigint not null references orders (id),
  product_id  bigint not null references products (id),
  design_id   bigint references cake_designs (id),
  quantity    integer not null check (quantity > 0),
  unit_price  numeric(10, 3) not null
);
create index order_items_order on order_items (order_id);
create index order_items_design on order_items (design_id);

create table sessions (
  id           varchar(64) primary key,
  customer_id  bigint not null references customers (id),
  ip_address   inet,
  user_agent   text,
  created_at   timestamptz not null default now(),
  expires_at   timestamptz not null
);
create index sessions_customer on sessions (customer_id);

create table events (
  id                bigserial primary key,
  customer_id       bigint references customers (id),
  anonymous_id      varchar(64),
  page              varchar(200) not null,
  product_id        bigint references products (id),
  search_query      varchar(200),
  occurred_at       timestamptz not null default now(),
  ip_address        inet,
  device_type       varchar(20),
  operating_system  varchar(40)
);
create index events_customer on events (customer_id);
create index events_anonymous on events (anonymous_id);
