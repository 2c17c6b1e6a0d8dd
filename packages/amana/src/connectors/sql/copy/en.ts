/**
 * Live database findings' words in English, by key: `{name}` is a parameter the check fills.
 * `amana check --live` prints these (byte for byte what it printed before they were a catalogue);
 * the console's dry-run page shows ar.ts's in Arabic. plan-findings.test.ts plants every shape.
 */
export const en = {
  'schema.table-missing': '{system}: table "{table}" does not exist (declared at {declaredAt})',
  'schema.table-missing.bare': '{system}: table "{table}" does not exist',
  'schema.column-missing': '{system}: table "{table}" has no column "{column}" (declared at {declaredAt})',
  'schema.column-missing.role': '{system}: table "{table}" has no column "{column}" ({role})',
  'schema.column-missing.bare': '{system}: table "{table}" has no column "{column}"',
  'schema.incoming.table-missing':
    '{system}: table "{table}" does not exist, which {from} refers to: the subject\'s rows in {fromSystem} would not be found. Fix: point the reference at an existing column ("{example}")',
  'schema.incoming.column-missing':
    '{system}: table "{table}" has no column "{column}", which {from} refers to: the subject\'s rows in {fromSystem} would not be found. Fix: point the reference at an existing column ("{example}")',
  'index.case-sensitive':
    '{system}: {table}.{column} (identity {kind}) is case-sensitive: "=" would miss "Jane.Doe@…" stored for "jane.doe@…", so Amana compares lower({column}) = lower(value), and an index on lower({column}) serves it. No fix needed (citext on PostgreSQL or a _ci collation on MySQL/MariaDB would make the column\'s own "=" ignore case)',
  'index.identity':
    '{system}: {table}.{column} (identity {kind}) has no index that serves it: every request reads the whole table. Fix: create index on {table} ({column})',
  'index.lower':
    '{system}: {table}.{column} (identity {kind}, case-sensitive, compared as lower({column})) has no index that serves it: every request reads the whole table. Fix: create index on {table} (lower({column})) on PostgreSQL; on MySQL/MariaDB give the column a _ci collation or index a generated column lower({column})',
  'index.digits':
    "{system}: {table}.{column} (identity {kind}, compared by its digits) has no index that serves it: every request reads the whole table. Fix: create index on {table} ((ltrim(regexp_replace({column}, '[^0-9]', '', 'g'), '0'))) on PostgreSQL, or store phones as E.164 digits in an indexed column",
  'index.reference':
    '{system}: {table}.{column} (reference followed by it) has no index that serves it: every request reads the whole table. Fix: create index on {table} ({column})',
  'fk.undeclared-table':
    '{system}: erasure would fail: "{table}" refers to "{parent}" (constraint "{constraint}", {link}, {rule}), the plan deletes rows of "{parent}" and the manifest does not declare "{table}". Fix: declare "{table}" with "references: {example}" and what happens to its fields, or keep the rows of "{parent}" (anonymise instead of delete)',
  'fk.undeclared-reference':
    '{system}: erasure would fail or miss rows: "{table}" refers to "{parent}" (constraint "{constraint}", {link}, {rule}) but the manifest does not declare that reference, so its rows pointing at the subject\'s are not found. Fix: add "references: {example}" to "{table}"',
  'fk.held-cascade':
    '{system}: erasure would delete rows a legal hold keeps: "{table}" is held ({hold}) and keeps its rows, but {table}.{column} is NOT NULL and refers to "{parent}", whose rows the plan deletes (constraint "{constraint}", {link}, {rule}). Fix: make {table}.{column} nullable (the link is then cut), or keep the rows of "{parent}" (anonymise instead of delete) while the hold lasts',
  'fk.held-fail':
    '{system}: erasure would fail: "{table}" is held ({hold}) and keeps its rows, but {table}.{column} is NOT NULL and refers to "{parent}", whose rows the plan deletes (constraint "{constraint}", {link}, {rule}). Fix: make {table}.{column} nullable (the link is then cut), or keep the rows of "{parent}" (anonymise instead of delete) while the hold lasts',
  'fk.kept-cascade':
    '{system}: erasure would delete rows the plan keeps: "{table}" keeps its rows but refers to "{parent}", whose rows the plan deletes (constraint "{constraint}", {link}, {rule}), and {table}.{column} is NOT NULL. Fix: make {table}.{column} nullable, or keep the rows of "{parent}" (anonymise instead of delete)',
  'fk.kept-fail':
    '{system}: erasure would fail: "{table}" keeps its rows but {table}.{column} is NOT NULL and refers to "{parent}", whose rows the plan deletes (constraint "{constraint}", {link}, {rule}). Fix: make {table}.{column} nullable, delete the rows of "{table}" too (a delete-row field), or keep the rows of "{parent}" (anonymise instead of delete)',
  'fk.held-link':
    '{system}: erasure would leave "{table}" rows held ({hold}) pointing at deleted rows: {table}.{column} is NOT NULL and refers to "{parent}", whose rows the plan deletes. Fix: make {table}.{column} nullable (the link is then cut), or keep the rows of "{parent}" (anonymise instead of delete) while the hold lasts',
  'check.refuses':
    '{system}: erasure would fail: {table}.{column} would be anonymised to {value}, which CHECK constraint "{constraint}" ({clause}) refuses, and the rows are kept. Fix: let the constraint accept {marker} (e.g. add "{example}"), declare the field "keep" with a reason, or delete the rows (a delete-row category)',
  'writable.enum':
    '{system}: erasure would fail: {table}.{column} is an enum/set column and the rows are kept, so no anonymised value fits it. Fix: make {table}.{column} nullable, change it to a text column, or delete the rows (a delete-row category)',
  'writable.too-short':
    "{system}: {table}.{column} holds only {length} characters: its anonymised value is {length} hex digits of a hash, too short to be recognised as Amana's. Fix: widen the column to at least {minimum} characters, make it nullable, or delete the rows",
  'writable.too-short.unique':
    "{system}: {table}.{column} holds only {length} characters: its anonymised value is {length} hex digits of a hash, too short to be recognised as Amana's and likely to collide with another row’s (the column is unique). Fix: widen the column to at least {minimum} characters, make it nullable, or delete the rows",
  'writable.kept':
    '{system}: {table}.{column} would be left as it is on erasure ({reason}; {type}, NOT NULL). Fix: make it nullable, declare it "keep" with a reason, or delete the rows',
  'dangling.no-foreign-key':
    '{system}: {table}.{column} looks like a reference to {parent}.{key}, whose rows the plan deletes, but no foreign key says so: an erasure would leave it pointing at a deleted row. Fix: declare "references: {example}" on "{table}" (and what happens to its fields)',
  'dangling.partitioned':
    '{system}: {table}.{column} looks like a reference to {parent}.{key}, whose rows the plan deletes, but "{table}" is partitioned and has no foreign key (partitioned tables on MySQL/MariaDB cannot have one): an erasure would leave it pointing at a deleted row. Fix: declare "references: {example}" on "{table}" (and what happens to its fields)',
  partition:
    '{system}: "{table}" is a partition of "{parent}": a request reads only this partition\'s rows. Fix: declare "{parent}" instead',
  'clear.token':
    '{system}: {table}.{column} holds category "{category}" in clear ({clear} of {sampled} sampled values are not vault tokens). Fix: store the vault token instead (POST /v1/vault/tokenise, "tok_…"), then replace the existing values',
  'clear.hash':
    '{system}: {table}.{column} holds category "{category}" in clear ({clear} of {sampled} sampled values are not bcrypt/argon2/scrypt hashes). Fix: store a one-way hash (bcrypt, argon2 or scrypt) and compare answers against it, then rehash the existing values',
  'undeclared.declared-table':
    '{system}: {table}.{column} looks like personal data ({kind}, {how}) but the manifest declares it nowhere, so requests neither export nor erase it. Fix: add "{column}" to a category\'s storage ({where}), or drop the column',
  'undeclared.new-table':
    '{system}: {table}.{column} looks like personal data ({kind}, {how}) but the manifest declares it nowhere, so requests neither export nor erase it. Fix: declare "{table}" under {where} with how it refers to the subject, and add "{column}" to a category\'s storage',
  'connection.network': '{system}: unavailable ({code} at {endpoint})',
  'connection.lost': '{system}: unavailable (connection timeout or loss at {endpoint})',
  'connection.server': '{system}: unavailable (SQLSTATE {code} at {endpoint})',
  'connection.no-database': '{system}: unavailable (database does not exist at {endpoint})',
  'connection.authentication': '{system}: unavailable (authentication failed at {endpoint})',
  'connection.refused': '{message}',
} as const

export type LiveFindingKey = keyof typeof en
export type LiveCatalogue = { readonly [K in LiveFindingKey]: string }
