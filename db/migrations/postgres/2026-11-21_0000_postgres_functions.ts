import { sql, type Kysely } from "kysely";

// Frozen in time: no imports from the app, Kysely<any> only. Never edit after it landed.
// PostgreSQL only, before every other migration (ADR 0025): what the SQLite migrations' triggers
// need on PostgreSQL (db/migrations/postgres/translate.ts turns them into calls of these).

export async function up(db: Kysely<any>): Promise<void> {
  // raise(abort, …) in SQLite: the trigger refuses the change with the message it was given.
  await sql`
    create function refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception '%', tg_argv[0] using errcode = 'restrict_violation';
    end $$
  `.execute(db);

  // Cache scope versions (ADR 0012, ADR 0025). SQLite bumps one row per scope; on PostgreSQL many
  // writers at once would queue on that row, so each writing statement appends a row here instead.
  // A scope's version is cache_scope.version plus its rows here: it grows with every committed
  // write and is visible exactly when the write is. The daily job folds old rows into
  // cache_scope.version in one transaction, which leaves the sum unchanged.
  await sql`
    create table cache_scope_bump (
      id bigint generated always as identity primary key,
      scope text not null
    )
  `.execute(db);
  await sql`create index cache_scope_bump_scope_idx on cache_scope_bump (scope, id)`.execute(db);
  await sql`
    create function bump_cache_scope() returns trigger language plpgsql as $$
    begin
      insert into cache_scope_bump (scope) values (tg_argv[0]);
      return null;
    end $$
  `.execute(db);

  // SQLite drops a trigger by its name alone; PostgreSQL needs its table.
  await sql`
    create function drop_trigger_named(trigger_name text) returns void language plpgsql as $$
    declare r record;
    begin
      for r in select t.tgname, t.tgrelid::regclass as tbl from pg_trigger t where t.tgname = trigger_name and not t.tgisinternal loop
        execute format('drop trigger %I on %s', r.tgname, r.tbl);
      end loop;
    end $$
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function if exists drop_trigger_named(text)`.execute(db);
  await sql`drop function if exists bump_cache_scope()`.execute(db);
  await sql`drop table if exists cache_scope_bump`.execute(db);
  await sql`drop function if exists refuse_change()`.execute(db);
}
