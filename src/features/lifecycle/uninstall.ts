import type { Logger } from '../../logger.js';
import { type Installations, installationKey } from '../../oauth/installations.js';
import type { RemoveWorkspaceResult, Store } from '../../store/types.js';

/** The parts of an app_uninstalled / tokens_revoked envelope that say whose and when. */
export type LifecycleEnvelope = {
  team_id?: string;
  enterprise_id?: string;
  event_time?: number;
  authorizations?: Array<{ is_enterprise_install?: boolean; enterprise_id?: string | null }>;
};

export type Removal = { teamId: string; key: string; before: string };

/**
 * Who is uninstalling and the last instant the event can cover. Events carry whole seconds, so the event's
 * second counts in full: an installation made within it is older than the event (a reinstall takes longer).
 */
export function removalOf(envelope: LifecycleEnvelope, now: Date): Removal | undefined {
  const teamId = envelope.team_id;
  if (!teamId) return undefined;
  const orgWide = envelope.authorizations?.[0]?.is_enterprise_install === true;
  const enterpriseId = envelope.enterprise_id ?? envelope.authorizations?.[0]?.enterprise_id ?? undefined;
  const eventMs = envelope.event_time ? envelope.event_time * 1000 + 999 : now.getTime();
  return {
    teamId,
    key: installationKey({ teamId, enterpriseId, isEnterpriseInstall: orgWide }),
    before: new Date(eventMs).toISOString(),
  };
}

/**
 * Deletes the workspace's installation and every row of its data, idempotently, in either event order, and
 * never an installation made after the event (events can arrive late, after a reinstall).
 */
export async function removeWorkspace(
  deps: { store: Store; logger: Logger; installations?: Installations },
  removal: Removal,
  reason: string,
): Promise<RemoveWorkspaceResult> {
  const result = await deps.store.installations.removeWorkspace({
    teamId: removal.teamId,
    keys: [removal.key],
    before: removal.before,
  });
  deps.installations?.forget(removal.key);
  if (result.removed) {
    deps.logger.info(
      { teamId: removal.teamId, reason, installations: result.installations, rows: result.rows },
      'workspace removed: its tokens and every row of its data were deleted',
    );
  } else {
    deps.logger.warn(
      { teamId: removal.teamId, reason, before: removal.before },
      'ignored a late uninstall event: the workspace installed again after it',
    );
  }
  return result;
}
