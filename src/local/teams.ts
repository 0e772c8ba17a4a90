import type { DemoPerson } from './workspace.js';

/**
 * The other Slack workspaces the stand-in knows, besides the built-in one: on the consent screen ("Add to another
 * workspace") a person may install Lights Out into either. Each has its own people, in zones of their own, and its
 * own channel; ids are unique across workspaces, as Slack's are. Their Slack locales are not Chinese, so Lights Out
 * answers them in English.
 */
export type LocalTeam = {
  id: string;
  name: string;
  channel: { id: string; name: string };
  people: readonly DemoPerson[];
};

export const OTHER_WORKSPACES: readonly LocalTeam[] = [
  {
    id: 'T0NIGHT',
    name: 'Night Shift',
    channel: { id: 'C0NIGHT', name: 'after-hours' },
    people: [
      { id: 'U0DANA', name: 'dana', realName: 'Dana', tz: 'Europe/Berlin', place: 'Berlin', locale: 'de-DE' },
      { id: 'U0ELI', name: 'eli', realName: 'Eli', tz: 'America/Sao_Paulo', place: 'São Paulo', locale: 'pt-BR' },
      { id: 'U0FARAH', name: 'farah', realName: 'Farah', tz: 'Asia/Kolkata', place: 'Bengaluru', locale: 'en-IN' },
    ],
  },
  {
    id: 'T0REDEYE',
    name: 'Red Eye Lab',
    channel: { id: 'C0REDEYE', name: 'red-eye' },
    people: [
      { id: 'U0GUS', name: 'gus', realName: 'Gus', tz: 'Pacific/Auckland', place: 'Auckland', locale: 'en-NZ' },
      { id: 'U0HANA', name: 'hana', realName: 'Hana', tz: 'Asia/Tokyo', place: 'Tokyo', locale: 'ja-JP' },
    ],
  },
];
