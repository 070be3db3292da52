// D1 access: the only code that sees the database (migrations/0001_init.sql holds the schema).
// Grade requests are saved as a submission row (the canonical request body) and a result row
// (the report), both keyed by the submission's content hash. Storage is best effort: a failure is
// logged and reported as `false`, never thrown, so it cannot fail a grade.

import { canonicalJson, submissionId } from "./hash";

export { canonicalJson, sha256Hex, submissionId } from "./hash";

export interface GradeRecord {
  scenarioId: string;
  submission: unknown;
  report: { score: number; maxScore: number; passed: boolean };
  /** RFC 3339, UTC (the edge's clock; the simulator never sees it). */
  receivedAt: string;
}

export interface StoredResult {
  submissionId: string;
  scenarioId: string;
  score: number;
  maxScore: number;
  passed: boolean;
  report: unknown;
}

export class Store {
  constructor(private readonly db: D1Database | undefined) {}

  /** Saves a graded submission; returns its id, or undefined when storage failed or is absent. */
  async saveGrade(rec: GradeRecord, id?: string): Promise<string | undefined> {
    const sid = id ?? (await submissionId(rec.scenarioId, rec.submission));
    if (!this.db) return undefined;
    try {
      await this.db.batch([
        this.db.prepare("INSERT OR IGNORE INTO submissions (id, scenario_id, received_at, body) VALUES (?1, ?2, ?3, ?4)")
          .bind(sid, rec.scenarioId, rec.receivedAt, canonicalJson(rec.submission)),
        this.db.prepare(
          "INSERT OR REPLACE INTO results (submission_id, scenario_id, score, max_score, passed, report) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        ).bind(sid, rec.scenarioId, rec.report.score, rec.report.maxScore, rec.report.passed ? 1 : 0, JSON.stringify(rec.report)),
      ]);
      return sid;
    } catch (err) {
      console.error(`clustergrade: storing submission ${sid} failed:`, err instanceof Error ? err.message : err);
      return undefined;
    }
  }

  async result(id: string): Promise<StoredResult | undefined> {
    if (!this.db) return undefined;
    try {
      const row = await this.db.prepare(
        "SELECT submission_id, scenario_id, score, max_score, passed, report FROM results WHERE submission_id = ?1",
      ).bind(id).first<{ submission_id: string; scenario_id: string; score: number; max_score: number; passed: number; report: string }>();
      if (!row) return undefined;
      return {
        submissionId: row.submission_id, scenarioId: row.scenario_id, score: row.score,
        maxScore: row.max_score, passed: row.passed === 1, report: JSON.parse(row.report),
      };
    } catch (err) {
      console.error(`clustergrade: reading result ${id} failed:`, err instanceof Error ? err.message : err);
      return undefined;
    }
  }
}
