import { randomBytes } from 'node:crypto';
import type { ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { weekChartImage } from '../../home/chart-file.js';
import { localDate, workDay } from '../../hours/calendar.js';
import { personTranslator } from '../../i18n/resolve.js';
import { translator } from '../../i18n/translator.js';
import { cachedZone } from '../../people/zone.js';
import { type ButtonArgs, onButton } from '../../slack/listen.js';
import type { PersonKey } from '../../store/types.js';
import type { Feature } from '../index.js';
import { logForm, nudgeForm, zoneForm } from './forms.js';
import {
  ACTION_OPEN_LOG,
  ACTION_OPEN_NUDGE,
  ACTION_OPEN_ZONE,
  LOG,
  NUDGE,
  OPEN_ACTION_PREFIX,
  VIEW_LOG,
  VIEW_NUDGE,
  VIEW_ZONE,
  ZONE,
} from './ids.js';
import { HomePublisher, type PublisherOptions } from './publish.js';
import { type Applied, applyLog, type FormContext, nudgeChanged, readNudge, readZone } from './submit.js';

/**
 * The Home tab: published when the person opens it and again, debounced, after their ledger or settings
 * change; its buttons open forms whose submissions answer in the form. Other features' listeners are not
 * touched: a middleware notices the requests that may change Home (`/hours`, `/nudge`, buttons, forms).
 */

const REPUBLISH_COMMANDS = new Set(['/hours', '/nudge']);

type Body = {
  type?: string;
  command?: string;
  team_id?: string;
  user_id?: string;
  team?: { id?: string } | null;
  user?: { id?: string; team_id?: string };
  actions?: Array<{ action_id?: string }>;
};

/** Whose Home a request may change, if any: `/hours` and `/nudge`, button presses (not Home's own), forms. */
export function changedBy(raw: unknown): PersonKey | undefined {
  const body = raw as Body;
  if (typeof body.command === 'string') {
    if (!REPUBLISH_COMMANDS.has(body.command) || !body.team_id || !body.user_id) return undefined;
    return { teamId: body.team_id, userId: body.user_id };
  }
  if (body.type !== 'block_actions' && body.type !== 'view_submission') return undefined;
  if (body.type === 'block_actions' && (body.actions ?? []).every((a) => a.action_id?.startsWith(OPEN_ACTION_PREFIX)))
    return undefined;
  const teamId = body.team?.id ?? body.user?.team_id;
  const userId = body.user?.id;
  return teamId && userId ? { teamId, userId } : undefined;
}

function presser(body: ButtonArgs['body'] | ViewSubmitAction): PersonKey {
  const teamId = body.team?.id ?? body.user.team_id;
  if (!teamId) throw new Error('a Home request without a team id');
  return { teamId, userId: body.user.id };
}

export function createHomeFeature(options: PublisherOptions = {}): Feature {
  return (app, deps) => {
    const publisher = new HomePublisher(deps, options);
    const { store, logger } = deps;
    const zoneOf = async (person: PersonKey) =>
      (await cachedZone({ store, now: deps.now, fallbackZone: deps.config.nudge.timezone }, person)).zone;

    app.use(async ({ body, client, next }) => {
      try {
        await next();
      } finally {
        const person = changedBy(body);
        if (person && publisher.knows(person)) publisher.schedule(person, client);
      }
    });

    app.event('app_home_opened', async ({ event, body, client, context }) => {
      if (event.tab !== 'home') return;
      const teamId = context.teamId ?? (body as { team_id?: string }).team_id;
      if (!teamId) return;
      const person = { teamId, userId: event.user };
      publisher.remember(person);
      await publisher.publish(person, client);
    });

    const open = (
      actionId: string,
      form: (person: PersonKey) => Promise<Parameters<WebClient['views']['open']>[0]['view']>,
    ) =>
      onButton(app, logger, actionId, async (args, ack) => {
        await ack();
        const person = presser(args.body);
        publisher.remember(person);
        await args.client.views.open({ trigger_id: args.body.trigger_id, view: await form(person) });
      });

    open(ACTION_OPEN_LOG, async (person) => {
      const t = await personTranslator(deps, person);
      return logForm(t, workDay(deps.now(), await zoneOf(person)).date);
    });
    open(ACTION_OPEN_NUDGE, async (person) => {
      const t = await personTranslator(deps, person);
      const today = localDate(deps.now(), await zoneOf(person));
      const [nudge, row, digest] = await Promise.all([
        store.nudges.getPerson(person),
        store.people.getPerson(person),
        store.digests.get(person),
      ]);
      return nudgeForm(t, { nudge, language: row?.localeOverride ?? null, today, digest: digest?.enabled === true });
    });
    open(ACTION_OPEN_ZONE, async (person) => {
      const t = await personTranslator(deps, person);
      const row = await store.people.getPerson(person);
      return zoneForm(t, { slackZone: row?.slackTz ?? null, override: row?.tzOverride ?? null });
    });

    const form = (
      callbackId: string,
      firstBlock: string,
      apply: (ctx: FormContext, view: ViewSubmitAction['view']) => Promise<Applied>,
    ) =>
      app.view<ViewSubmitAction>({ callback_id: callbackId, type: 'view_submission' }, async ({ body, ack }) => {
        let acked = false;
        // Until the person's own language is known, a failure is told in the workspace's.
        let t = translator(deps.config.defaultLocale);
        try {
          const person = presser(body);
          t = await personTranslator(deps, person);
          const ctx = { store, person, now: deps.now(), zone: await zoneOf(person), t };
          const result = await apply(ctx, body.view);
          acked = true;
          publisher.remember(person);
          await ack(result.ok ? undefined : { response_action: 'errors', errors: result.errors });
        } catch (error) {
          const errorId = randomBytes(4).toString('hex');
          logger.error({ err: error, errorId, view: callbackId, userId: body.user.id }, 'a Home form failed');
          if (!acked)
            await ack({ response_action: 'errors', errors: { [firstBlock]: t.t('home.form.failed', { errorId }) } });
        }
      });

    form(VIEW_LOG, LOG.hours, (ctx, view) => applyLog(ctx, view.state.values));
    form(VIEW_NUDGE, NUDGE.enabled, async (ctx, view) => {
      const existing = await store.nudges.getPerson(ctx.person);
      const read = readNudge(ctx, view.state.values, existing);
      if (!read.ok) return read;
      if (nudgeChanged(existing, read.settings.nudge)) await store.nudges.savePerson(read.settings.nudge);
      const row = await store.people.getPerson(ctx.person);
      if ((row?.localeOverride ?? null) !== read.settings.language)
        await store.people.setLocaleOverride(ctx.person, read.settings.language);
      const digest = await store.digests.get(ctx.person);
      if ((digest?.enabled ?? false) !== read.settings.digest)
        await store.digests.save({ ...ctx.person, enabled: read.settings.digest, updatedAt: ctx.now.toISOString() });
      return { ok: true };
    });
    form(VIEW_ZONE, ZONE.zone, async (ctx, view) => {
      const read = readZone(ctx.t, view.state.values);
      if (!read.ok) return read;
      const row = await store.people.getPerson(ctx.person);
      if ((row?.tzOverride ?? null) !== read.override)
        await store.people.setTimezoneOverride(ctx.person, read.override);
      return { ok: true };
    });
  };
}

/** Home with the week chart (src/home/chart-file.ts), uploaded only when the picture changed. */
export const homeFeature: Feature = createHomeFeature({ chart: weekChartImage });
