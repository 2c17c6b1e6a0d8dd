/**
 * The generated shop of bench/requests-real-schema.ts: what real schemas have and the project's own
 * fixture has not.
 *
 * - shared parents: `customer.address_id → address.id`; every fifth customer lives at the address of
 *   the customer before them;
 * - mixed-case emails (`Customer7@Example.COM`, `CUSTOMER8@EXAMPLE.COM`, `customer9@example.com`);
 *   PostgreSQL: `varchar` with a unique index on `lower(email)` on customers and on the checkout email
 *   of orders (the expression index `amana check --live` asks for when a case-sensitive identity column
 *   has none serving `lower(…)`: with only a plain index, both sides read every order by
 *   `lower(contact_email)`, which at 4,000,000 orders is a scan of the whole table per request);
 *   MariaDB: the default case-insensitive collation with plain indexes;
 * - one unindexed reference: `review.customer_id`, a link without a foreign key or an index;
 * - partitions: `events` by range of `occurred_at` (PostgreSQL: declarative partitioning, with its
 *   foreign key to customers, see `partitionedForeignKey`; MariaDB: `PARTITION BY RANGE COLUMNS`, no foreign key, which InnoDB
 *   does not allow on partitioned tables);
 * - RESTRICT keys: customer → address, orders → customer, order_line → orders, payment → orders,
 *   events → customer (PostgreSQL, when the connector accepts it).
 *
 * Per customer: 4 orders (2 lines and 1 payment each), 10 events; a review for every fourth one.
 */
export type Engine = 'postgres' | 'mysql'

export const ddl: Record<Engine, string[]> = {
  postgres: [
    `create table address (id bigint primary key, line1 text not null, city varchar(60) not null, postcode varchar(12) not null)`,
    `create table customer (
      id bigint primary key,
      email varchar(160) not null,
      phone varchar(24) not null,
      name varchar(80) not null,
      address_id bigint references address (id) on delete restrict,
      created_at timestamptz not null)`,
    `create table orders (
      id bigint primary key,
      customer_id bigint references customer (id) on delete restrict,
      contact_email varchar(160) not null,
      total numeric(10, 2) not null,
      placed_at timestamptz not null)`,
    `create table order_line (
      id bigint primary key,
      order_id bigint not null references orders (id) on delete restrict,
      product varchar(60) not null,
      engraving varchar(40))`,
    `create table payment (
      id bigint primary key,
      order_id bigint not null references orders (id) on delete restrict,
      amount numeric(10, 2) not null,
      card_last4 varchar(4) not null)`,
    `create table events (
      id bigint not null,
      customer_id bigint not null,
      url text not null,
      occurred_at timestamptz not null,
      primary key (id, occurred_at)) partition by range (occurred_at)`,
    `create table events_2024 partition of events for values from ('2024-01-01') to ('2025-01-01')`,
    `create table events_2025 partition of events for values from ('2025-01-01') to ('2026-01-01')`,
    `create table events_2026 partition of events for values from ('2026-01-01') to ('2027-01-01')`,
    `create table review (id bigint primary key, customer_id bigint not null, author varchar(40) not null, body text not null)`,
  ],
  mysql: [
    `create table address (id bigint primary key, line1 text not null, city varchar(60) not null, postcode varchar(12) not null) engine=InnoDB`,
    `create table customer (
      id bigint primary key,
      email varchar(160) not null,
      phone varchar(24) not null,
      name varchar(80) not null,
      address_id bigint,
      created_at datetime(6) not null,
      constraint customer_address_fk foreign key (address_id) references address (id) on delete restrict) engine=InnoDB`,
    `create table orders (
      id bigint primary key,
      customer_id bigint,
      contact_email varchar(160) not null,
      total decimal(10, 2) not null,
      placed_at datetime(6) not null,
      constraint orders_customer_fk foreign key (customer_id) references customer (id) on delete restrict) engine=InnoDB`,
    `create table order_line (
      id bigint primary key,
      order_id bigint not null,
      product varchar(60) not null,
      engraving varchar(40),
      constraint order_line_order_fk foreign key (order_id) references orders (id) on delete restrict) engine=InnoDB`,
    `create table payment (
      id bigint primary key,
      order_id bigint not null,
      amount decimal(10, 2) not null,
      card_last4 varchar(4) not null,
      constraint payment_order_fk foreign key (order_id) references orders (id) on delete restrict) engine=InnoDB`,
    `create table events (
      id bigint not null,
      customer_id bigint not null,
      url text not null,
      occurred_at datetime(6) not null,
      primary key (id, occurred_at)) engine=InnoDB
      partition by range columns (occurred_at) (
        partition p2024 values less than ('2025-01-01'),
        partition p2025 values less than ('2026-01-01'),
        partition p2026 values less than ('2027-01-01'))`,
    `create table review (id bigint primary key, customer_id bigint not null, author varchar(40) not null, body text not null) engine=InnoDB`,
  ],
}

/**
 * PostgreSQL's foreign key from the partitioned `events` to customers, added after loading. The
 * benchmark first runs the pre-flight with it; a pre-flight that refuses it is recorded in the
 * results and the key dropped, so the rest of the run measures the same schema without it.
 */
export const partitionedForeignKey = {
  add: `alter table events add constraint events_customer_fk foreign key (customer_id) references customer (id) on delete restrict`,
  drop: `alter table events drop constraint events_customer_fk`,
}

/** Built after loading; `review.customer_id` stays unindexed on purpose. */
export const indexes: Record<Engine, string[]> = {
  postgres: [
    `create unique index customer_email_lower on customer (lower(email))`,
    `create index customer_address on customer (address_id)`,
    `create index orders_customer on orders (customer_id)`,
    `create index orders_contact_email on orders (lower(contact_email))`,
    `create index order_line_order on order_line (order_id)`,
    `create index payment_order on payment (order_id)`,
    `create index events_customer on events (customer_id)`,
  ],
  // Foreign-key columns are indexed by InnoDB itself.
  mysql: [
    `create unique index customer_email on customer (email)`,
    `create index orders_contact_email on orders (contact_email)`,
    `create index events_customer on events (customer_id)`,
  ],
}

/** The email customer `i` is stored under (three spellings); requests arrive lower-cased. */
const emailSql = (i: string, engine: Engine) => {
  const cat = (...parts: string[]) =>
    engine === 'postgres' ? parts.join(' || ') : `concat(${parts.join(', ')})`
  return `case ${i} % 3 when 0 then ${cat(`'Customer'`, `${i}`, `'@Example.COM'`)} when 1 then ${cat(`'CUSTOMER'`, `${i}`, `'@EXAMPLE.COM'`)} else ${cat(`'customer'`, `${i}`, `'@example.com'`)} end`
}
export const requestEmail = (i: number) => `customer${i}@example.com`

/** The statements that fill the tables for `customers` customers (generate_series / MariaDB's seq engine). */
export const fill = (engine: Engine, customers: number): [string, string][] => {
  const C = customers
  const pg = engine === 'postgres'
  const series = (n: number, v: string) =>
    pg ? `generate_series(1, ${n}) as g(${v})` : `(select seq as ${v} from seq_1_to_${n}) as g`
  const div = (a: string, b: number) => (pg ? `(${a} - 1) / ${b} + 1` : `(${a} - 1) div ${b} + 1`)
  const cat = (...parts: string[]) => (pg ? parts.join(' || ') : `concat(${parts.join(', ')})`)
  const ts = (base: string, amount: string, unit: 'day' | 'minute') =>
    pg
      ? `timestamptz '${base}' + (${amount}) * interval '1 ${unit}'`
      : `timestamp '${base}' + interval (${amount}) ${unit}`
  const lpad = (v: string, n: number) => `lpad(${pg ? `(${v})::text` : `(${v})`}, ${n}, '0')`
  return [
    [
      'address',
      `insert into address (id, line1, city, postcode)
       select i, ${cat('i', `' Harbour Street'`)}, 'Muscat', ${lpad('i % 1000', 3)} from ${series(C, 'i')} where i % 5 <> 0`,
    ],
    [
      'customer',
      `insert into customer (id, email, phone, name, address_id, created_at)
       select i, ${emailSql('i', engine)}, ${cat(`'+968 9'`, lpad('i', 7))}, ${cat(`'Customer '`, 'i')},
              case when i % 5 = 0 then i - 1 else i end, ${ts('2023-01-01 00:00:00', 'i % 365', 'day')}
       from ${series(C, 'i')}`,
    ],
    [
      'orders',
      `insert into orders (id, customer_id, contact_email, total, placed_at)
       select o, ${div('o', 4)}, ${emailSql(div('o', 4), engine)}, (o % 5000) / 100.0 + 5,
              ${ts('2024-01-01 00:00:00', 'o % 900', 'day')}
       from ${series(C * 4, 'o')}`,
    ],
    [
      'order_line',
      `insert into order_line (id, order_id, product, engraving)
       select l, ${div('l', 2)}, 'Halwa', case when l % 3 = 0 then ${cat(`'For '`, 'l')} end from ${series(C * 8, 'l')}`,
    ],
    [
      'payment',
      `insert into payment (id, order_id, amount, card_last4)
       select o, o, (o % 5000) / 100.0 + 5, ${lpad('o % 10000', 4)} from ${series(C * 4, 'o')}`,
    ],
    [
      'events',
      `insert into events (id, customer_id, url, occurred_at)
       select e, ${div('e', 10)}, ${cat(`'/products/'`, 'e % 40')}, ${ts('2024-01-01 00:00:00', 'e % 1290000', 'minute')}
       from ${series(C * 10, 'e')}`,
    ],
    [
      'review',
      `insert into review (id, customer_id, author, body) select i, i, ${cat(`'C. '`, 'i')}, 'Lovely halwa' from ${series(C, 'i')} where i % 4 = 0`,
    ],
  ]
}

/**
 * The manifest, as a shop's developer writes it from docs/manifest.md: the address is reached
 * upwards from the customer's row and may be shared; order history is held for tax, so orders,
 * lines and payments are kept with the person's details anonymised; events and reviews go.
 */
export const manifestYaml = (engine: Engine) => `
version: 1
organisation:
  legalName: Halwa House
  homeCountry: OM
  website: https://halwa.example
  services: { en: our web shop, ar: متجرنا الإلكتروني }
  contacts: { email: hello@halwa.example }
  privacyContact: { role: privacy-contact, email: privacy@halwa.example }
  languages: [en, ar]
  effectiveDate: 2026-01-01
jurisdictions: [om, eu-gdpr]
commitments: { requestDeadlineDays: 30 }
subjects:
  customer: { kind: customer }
systems:
  shop_db:
    kind: ${engine}
    connection: { env: SHOP_DB_URL }
    country: OM
    tables:
      customer:
        key: id
        identity: [email, phone]
        references: { address_id: { to: address.id, follow: up, whenShared: unlink } }
      address: { key: id }
      orders: { key: id, identity: [contact_email], references: { customer_id: customer.id } }
      order_line: { key: id, references: { order_id: orders.id } }
      payment: { key: id, references: { order_id: orders.id } }
      events: { key: id, references: { customer_id: customer.id } }
      review: { key: id, references: { customer_id: customer.id } }
categories:
  identity:
    kind: identity
    description: { en: your name, ar: اسمك }
    source: subject
    storage: { shop_db: { customer: [name], orders: [customer_id], review: [author] } }
    retention: { keep: P30D, after: account-closed, action: delete }
  contact:
    kind: contact
    description: { en: 'your email, phone and address', ar: بريدك وهاتفك وعنوانك }
    source: subject
    storage:
      shop_db:
        customer: [email, phone]
        orders: [contact_email]
        address: [line1, city, postcode]
    retention: { keep: P30D, after: account-closed, action: delete }
  payment:
    kind: payment
    description: { en: the last digits of your card, ar: آخر أرقام بطاقتك }
    source: subject
    storage: { shop_db: { payment: [card_last4] } }
    retention: { keep: P30D, after: order-fulfilled, action: anonymise }
  order_history:
    kind: order-history
    description: { en: what you ordered and paid, ar: ما طلبته ودفعته }
    source: subject
    storage: { shop_db: { orders: [total, placed_at], order_line: [product], payment: [amount] } }
    retention:
      keep: P7Y
      after: order-fulfilled
      action: anonymise
      legalHold: { reason: { en: tax records, ar: السجلات الضريبية }, keep: P7Y }
  customisation:
    kind: customisation
    description: { en: engravings, ar: النقوش }
    source: subject
    storage: { shop_db: { order_line: [engraving] } }
    retention: { keep: P6M, after: order-fulfilled, action: delete }
  usage:
    kind: usage
    source: automatic
    storage: { shop_db: { events: [url, occurred_at], review: [body] } }
    retention: { keep: P13M, after: collection, action: delete }
purposes:
  orders:
    kind: service
    title: { en: Selling you our sweets, ar: بيع حلوياتنا }
    legalBasis: contract
    categories: [identity, contact, payment, order_history, customisation]
  analytics:
    kind: analytics
    title: { en: Improving the shop, ar: تحسين المتجر }
    legalBasis: consent
    categories: [usage]
`
