-- Languages. slack_locale: the person's Slack locale as Slack gives it (`zh-CN`, `en-US`), read with their zone by
-- the same calls and sync. locale_override: `/hours lang en|zh` (NULL = follow Slack). A channel's language is
-- kept with its nudge settings (`/nudge here 22:00 zh`); NULL = DEFAULT_LOCALE.
ALTER TABLE people ADD COLUMN slack_locale TEXT;
ALTER TABLE people ADD COLUMN locale_override TEXT CHECK (locale_override IN ('en', 'zh'));
ALTER TABLE nudge_channels ADD COLUMN locale TEXT CHECK (locale IN ('en', 'zh'));
