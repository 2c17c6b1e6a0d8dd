import pg from 'pg'

/** The shop's queries, all of them, over its own PostgreSQL database (embedded PGlite in the demo). */

export interface Product {
  readonly id: string
  readonly sku: string
  readonly name_en: string
  readonly name_ar: string
  readonly kind: string
  readonly price: string
}

export interface Customer {
  readonly id: string
  readonly first_name: string
  readonly last_name: string
  readonly email: string
  readonly phone: string | null
  readonly password_hash: string
  readonly birth_date: string | null
  readonly status: 'active' | 'awaiting-parent'
}

export interface AddressInput {
  readonly area: string
  readonly block: string
  readonly street: string
  readonly building: string
  readonly floor: string | null
  readonly apartment: string | null
  readonly directions: string | null
}

export interface OrderLine {
  readonly productId: string
  readonly designId: string | null
  readonly quantity: number
  readonly unitPrice: string
}

export type ShopStore = ReturnType<typeof createShopStore>

export const createShopStore = (databaseUrl: string) => {
  // PGlite behind pglite-socket serves one statement at a time: a small pool is plenty.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 })
  const rows = async <T>(text: string, values: unknown[] = []): Promise<T[]> =>
    (await pool.query(text, values)).rows as T[]
  const one = async <T>(text: string, values: unknown[] = []): Promise<T | undefined> =>
    (await rows<T>(text, values))[0]

  return {
    products: () =>
      rows<Product>('select id::text, sku, name_en, name_ar, kind, price::text from products order by id'),
    product: (id: string) =>
      one<Product>('select id::text, sku, name_en, name_ar, kind, price::text from products where id = $1', [
        id,
      ]),
    customProduct: () =>
      one<Product>(
        "select id::text, sku, name_en, name_ar, kind, price::text from products where kind = 'custom-cake' order by id limit 1",
      ),
    customerByEmail: (email: string) =>
      one<Customer>(
        'select id::text, first_name, last_name, email, phone, password_hash, birth_date::text, status from customers where lower(email) = lower($1)',
        [email],
      ),
    customerBySession: (sessionId: string) =>
      one<Customer>(
        `select c.id::text, c.first_name, c.last_name, c.email, c.phone, c.password_hash, c.birth_date::text, c.status
           from sessions s join customers c on c.id = s.customer_id
          where s.id = $1 and s.expires_at > now()`,
        [sessionId],
      ),
    createCustomer: async (c: Omit<Customer, 'id'>) =>
      (
        await one<{ id: string }>(
          `insert into customers (first_name, last_name, email, phone, password_hash, birth_date, status)
         values ($1, $2, $3, $4, $5, $6, $7) returning id::text`,
          [c.first_name, c.last_name, c.email, c.phone, c.password_hash, c.birth_date, c.status],
        )
      )?.id as string,
    /** A parent's consent asked for: the link's token is stored only as its hash. */
    askParent: (customerId: string, parentEmail: string, tokenHash: string) =>
      pool.query(
        'insert into parental_consents (customer_id, parent_email, token_hash) values ($1, $2, $3)',
        [customerId, parentEmail, tokenHash],
      ),
    /** The request a parent's link points at, while it waits for the parent's answer. */
    parentRequest: (tokenHash: string) =>
      one<{ customer_id: string; first_name: string }>(
        `select p.customer_id::text, c.first_name from parental_consents p join customers c on c.id = p.customer_id
          where p.token_hash = $1 and p.approved_at is null and c.status = 'awaiting-parent'`,
        [tokenHash],
      ),
    parentEmailOf: async (customerId: string) =>
      (
        await one<{ parent_email: string }>(
          'select parent_email from parental_consents where customer_id = $1 order by id desc limit 1',
          [customerId],
        )
      )?.parent_email,
    /** The parent agreed: the account opens. */
    approveParent: async (tokenHash: string) => {
      const client = await pool.connect()
      try {
        await client.query('begin')
        const done = await client.query<{ customer_id: string }>(
          'update parental_consents set approved_at = now() where token_hash = $1 and approved_at is null returning customer_id::text',
          [tokenHash],
        )
        const id = done.rows[0]?.customer_id
        if (id) await client.query("update customers set status = 'active' where id = $1", [id])
        await client.query('commit')
        return id
      } catch (error) {
        await client.query('rollback')
        throw error
      } finally {
        client.release()
      }
    },
    startSession: (id: string, customerId: string, ip: string, userAgent: string) =>
      pool.query(
        `insert into sessions (id, customer_id, ip_address, user_agent, expires_at)
         values ($1, $2, $3, $4, now() + interval '30 days')`,
        [id, customerId, ip, userAgent.slice(0, 300)],
      ),
    endSession: (id: string) => pool.query('delete from sessions where id = $1', [id]),
    addAddress: async (customerId: string, a: AddressInput) =>
      (
        await one<{ id: string }>(
          `insert into addresses (customer_id, area, block, street, building, floor, apartment, directions)
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning id::text`,
          [customerId, a.area, a.block, a.street, a.building, a.floor, a.apartment, a.directions],
        )
      )?.id as string,
    latestAddress: (customerId: string) =>
      one<AddressInput>(
        'select area, block, street, building, floor, apartment, directions from addresses where customer_id = $1 order by id desc limit 1',
        [customerId],
      ),
    placeOrder: async (customerId: string, total: string, slot: string, lines: readonly OrderLine[]) => {
      const client = await pool.connect()
      try {
        await client.query('begin')
        const order = await client.query<{ id: string }>(
          `insert into orders (customer_id, status, total, delivery_slot) values ($1, 'awaiting-payment', $2, $3) returning id::text`,
          [customerId, total, slot],
        )
        const orderId = order.rows[0]?.id as string
        for (const line of lines)
          await client.query(
            'insert into order_items (order_id, product_id, design_id, quantity, unit_price) values ($1, $2, $3, $4, $5)',
            [orderId, line.productId, line.designId, line.quantity, line.unitPrice],
          )
        await client.query('commit')
        return orderId
      } catch (error) {
        await client.query('rollback')
        throw error
      } finally {
        client.release()
      }
    },
    order: (orderId: string, customerId: string) =>
      one<{ id: string; total: string; status: string; card_last4: string | null }>(
        'select id::text, total::text, status, card_last4 from orders where id = $1 and customer_id = $2',
        [orderId, customerId],
      ),
    markPaid: (orderId: string, token: string, last4: string) =>
      pool.query("update orders set status = 'paid', payment_token = $2, card_last4 = $3 where id = $1", [
        orderId,
        token,
        last4,
      ]),
    markStatus: (orderId: string, status: string) =>
      pool.query('update orders set status = $2 where id = $1', [orderId, status]),
    orders: (customerId: string) =>
      rows<{ id: string; ordered_at: Date; status: string; total: string; card_last4: string | null }>(
        'select id::text, ordered_at, status, total::text, card_last4 from orders where customer_id = $1 order by ordered_at desc',
        [customerId],
      ),
    saveDesign: async (
      customerId: string,
      d: { size: string; flavour: string; message: string | null; decorations: string[] },
    ) =>
      (
        await one<{ id: string }>(
          `insert into cake_designs (customer_id, size, flavour, message_text, design_elements)
         values ($1, $2, $3, $4, $5) returning id::text`,
          [customerId, d.size, d.flavour, d.message, JSON.stringify({ decorations: d.decorations })],
        )
      )?.id as string,
    saveUpload: (customerId: string, designId: string, path: string, contentType: string, size: number) =>
      pool.query(
        'insert into uploads (customer_id, design_id, path, content_type, byte_size) values ($1, $2, $3, $4, $5)',
        [customerId, designId, path, contentType, size],
      ),
    designs: (customerId: string) =>
      rows<{ id: string; size: string; flavour: string; message_text: string | null }>(
        'select id::text, size, flavour, message_text from cake_designs where customer_id = $1 order by id desc',
        [customerId],
      ),
    close: () => pool.end(),
  }
}
