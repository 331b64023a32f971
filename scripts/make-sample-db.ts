// Builds resources/sample/burrow-sample.sqlite, the database behind the first-run "Sample
// (SQLite)" profile. Deterministic: the same file every run. `npx tsx scripts/make-sample-db.ts`
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../resources/sample/burrow-sample.sqlite');
rmSync(target, { force: true });
const db = new Database(target);

let seed = 42;
const random = (): number => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

db.exec(`
  CREATE TABLE customers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL UNIQUE,
    country TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE products (
    id INTEGER PRIMARY KEY,
    sku TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    category TEXT NOT NULL,
    price_cents INTEGER NOT NULL CHECK (price_cents > 0)
  );
  CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    status TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'shipped', 'refunded')),
    ordered_at TEXT NOT NULL,
    note TEXT
  );
  CREATE TABLE order_items (
    order_id INTEGER NOT NULL REFERENCES orders(id),
    product_id INTEGER NOT NULL REFERENCES products(id),
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    unit_price_cents INTEGER NOT NULL,
    PRIMARY KEY (order_id, product_id)
  );
  CREATE INDEX orders_customer ON orders(customer_id);
  CREATE INDEX orders_ordered_at ON orders(ordered_at);
  CREATE VIEW order_totals AS
    SELECT o.id AS order_id, c.name AS customer, o.status, o.ordered_at,
           SUM(i.quantity * i.unit_price_cents) / 100.0 AS total
    FROM orders o JOIN customers c ON c.id = o.customer_id JOIN order_items i ON i.order_id = o.id
    GROUP BY o.id;
`);

const first = ['Ada', 'Grace', 'Linus', 'Margaret', 'Ken', 'Barbara', 'Dennis', 'Frances', 'Edsger', 'Radia', 'Yukihiro', 'Leslie', 'Zoë', 'Søren', 'Amélie', 'محمد', 'Jürgen'];
const last = ['Lovelace', 'Hopper', 'Torvalds', 'Hamilton', 'Thompson', 'Liskov', 'Ritchie', 'Allen', 'Dijkstra', 'Perlman', 'Matsumoto', 'Lamport'];
const countries = ['NZ', 'DE', 'FI', 'US', 'JP', 'BR', 'FR', 'IN', 'KE', 'CA'];
const categories = ['keyboards', 'cables', 'monitors', 'storage', 'audio'];
const statuses = ['pending', 'paid', 'shipped', 'shipped', 'shipped', 'refunded'] as const;
const day = (offset: number): string => new Date(Date.UTC(2025, 0, 1) + offset * 86_400_000).toISOString();

db.transaction(() => {
  const customer = db.prepare('INSERT INTO customers VALUES (?, ?, ?, ?, ?)');
  for (let id = 1; id <= 250; id++) {
    const name = `${pick(first)} ${pick(last)}`;
    customer.run(id, name, `user${id}@example.com`, pick(countries), day(Math.floor(random() * 300)));
  }
  const product = db.prepare('INSERT INTO products VALUES (?, ?, ?, ?, ?)');
  for (let id = 1; id <= 60; id++) {
    const category = pick(categories);
    product.run(id, `SKU-${String(id).padStart(4, '0')}`, `${category.slice(0, -1)} model ${id}`, category, 500 + Math.floor(random() * 50_000));
  }
  const order = db.prepare('INSERT INTO orders VALUES (?, ?, ?, ?, ?)');
  const item = db.prepare('INSERT INTO order_items VALUES (?, ?, ?, (SELECT price_cents FROM products WHERE id = ?))');
  for (let id = 1; id <= 1500; id++) {
    order.run(id, 1 + Math.floor(random() * 250), pick(statuses), day(Math.floor(random() * 330)), random() < 0.1 ? 'gift wrap, please 🎁' : null);
    const products = new Set<number>();
    const count = 1 + Math.floor(random() * 4);
    while (products.size < count) products.add(1 + Math.floor(random() * 60));
    for (const productId of products) item.run(id, productId, 1 + Math.floor(random() * 3), productId);
  }
})();
db.exec('VACUUM');
db.close();
console.log(`wrote ${target}`);
