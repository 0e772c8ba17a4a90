import type { PersonKey } from './types.js';

/** A person's choice about the Monday digest (table digest_people, migration 010); shared by both dialects. */
export type DigestChoice = PersonKey & { enabled: boolean; updatedAt: string };

/** An enabled digest with the person's zone facts, for the scheduler (one query). */
export type DigestTarget = DigestChoice & { tzOverride: string | null; slackTz: string | null };

export interface DigestRepository {
  get(person: PersonKey): Promise<DigestChoice | undefined>;
  /** Inserts or replaces the person's choice. */
  save(choice: DigestChoice): Promise<void>;
  /** Everyone with the digest on, across workspaces, with their zone facts. */
  enabledPeople(): Promise<DigestTarget[]>;
}

export type DigestRow = {
  team_id: string;
  user_id: string;
  enabled: number | boolean;
  updated_at: string;
  tz_override?: string | null;
  slack_tz?: string | null;
};

export const toDigestChoice = (row: DigestRow): DigestChoice => ({
  teamId: row.team_id,
  userId: row.user_id,
  enabled: row.enabled === true || row.enabled === 1,
  updatedAt: row.updated_at,
});

export const toDigestTarget = (row: DigestRow): DigestTarget => ({
  ...toDigestChoice(row),
  tzOverride: row.tz_override ?? null,
  slackTz: row.slack_tz ?? null,
});
