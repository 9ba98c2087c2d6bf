import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Batcher } from '../common/batcher.js';
import { preparedQuery } from '../database/prepared-query.js';
import { Report } from './feedback.entities.js';
import type { FrozenContext } from './report-snapshot.js';

type StoredRow = {
  id: string;
  status: Report['status'];
  created_at: Date;
  updated_at: Date;
};

export type NewReport = Pick<
  Report,
  'reporterId' | 'kind' | 'messageId' | 'categories' | 'description' | 'idempotencyKey' | 'requestHash' | 'signature'
> & { bands: number[]; frozen: FrozenContext; takenAt: string };

// Data-modifying CTEs run as one statement: every report of a batch and its `submitted` event commit
// together or not at all. A report whose Idempotency-Key its reporter already used is skipped (not
// returned). clock_timestamp() keeps reports of one batch in submission order (now() would give them all
// the same instant); joined to the one row of `frozen`, `input` keeps its order. A snapshot is its
// context's (sent once per batch, $2) with the report's takenAt.
const INSERT_REPORTS = `
WITH input AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(
    id uuid, reporter_id uuid, kind text, message_id uuid, categories text[], description text, frozen int, taken_at text,
    idempotency_key text, request_hash text, signature int[], bands bigint[])
), frozen AS MATERIALIZED (
  SELECT $2::jsonb AS contexts
), report AS (
  INSERT INTO reports (id, reporter_id, kind, message_id, categories, description, snapshot, status, idempotency_key, request_hash, signature, bands, created_at)
  SELECT id, reporter_id, kind, message_id, categories, description, (contexts -> input.frozen) || jsonb_build_object('takenAt', taken_at),
    'new', idempotency_key, request_hash, signature, bands, clock_timestamp()
  FROM input CROSS JOIN frozen
  ON CONFLICT (reporter_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
  RETURNING id, reporter_id, status, created_at, updated_at
), event AS (
  INSERT INTO report_events (report_id, actor_id, type, from_status, to_status, note, created_at)
  SELECT report.id, report.reporter_id, 'submitted', NULL, 'new', NULL, report.created_at FROM report
)
SELECT * FROM report`;

/**
 * Stores reports (with their LSH band keys) and their `submitted` events in one statement. Answers each input with
 * its stored report, or null when its Idempotency-Key was already used by the same reporter.
 */
export async function insertReports(manager: EntityManager, reports: NewReport[]): Promise<(Report | null)[]> {
  const contexts = new Map<FrozenContext, number>();
  const input = reports.map((r) => {
    let frozen = contexts.get(r.frozen);
    if (frozen === undefined) contexts.set(r.frozen, (frozen = contexts.size));
    return {
      id: randomUUID(),
      reporter_id: r.reporterId,
      kind: r.kind,
      message_id: r.messageId,
      categories: r.categories,
      description: r.description,
      frozen,
      taken_at: r.takenAt,
      idempotency_key: r.idempotencyKey,
      request_hash: r.requestHash,
      signature: r.signature,
      bands: r.bands,
    };
  });
  const frozenJson = `[${[...contexts.keys()].map((c) => c.json).join(',')}]`;
  const rows = await preparedQuery<StoredRow>(manager.connection, 'reports-insert', INSERT_REPORTS, [JSON.stringify(input), frozenJson]);
  const stored = new Map(rows.map((row) => [row.id, row]));
  return reports.map(({ bands: _bands, frozen, takenAt, ...fields }, i) => {
    const row = stored.get(input[i].id);
    if (!row) return null;
    // Everything else of the row is what was sent: reading it back would only cost the round trip's bytes.
    return Object.assign(new Report(), fields, {
      id: row.id,
      snapshot: { ...frozen.snapshot, takenAt },
      status: row.status,
      duplicateOf: null,
      needsInfoSince: null,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    });
  });
}

/**
 * Group commit of report submissions: those arriving together are stored by one statement. If the
 * database refuses that statement, each is retried alone, so only the one at fault gets the error.
 */
export function reportWriter(manager: EntityManager): Batcher<NewReport, Report | null> {
  return new Batcher(async (reports) => {
    try {
      return await insertReports(manager, reports);
    } catch (error) {
      if (reports.length === 1) return [error as Error];
      return Promise.all(reports.map((r) => insertReports(manager, [r]).then(([stored]) => stored, (e: Error) => e)));
    }
  });
}
