import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/i18n/translator.js';
import { build } from '../../helpers/build.js';
import { testCorpus } from '../../helpers/corpus.js';
import { textsOf } from '../../helpers/languages.js';

/** The same answers with the real lookups: a Slack locale cached in the store, a channel's chosen language. */

const corpus = testCorpus();
const NOW = '2026-12-01T06:00:00.000Z';

describe('/quote with the stored languages', () => {
  it('follows the person’s Slack locale for the quote and the channel’s language around it', async () => {
    const harness = await build();
    const chen = { teamId: 'T0LIGHTS', userId: 'U0CHEN' };
    await harness.store.people.saveSlackTimezone(chen, 'Asia/Shanghai', NOW, 'zh-CN');
    await harness.store.nudges.setChannelLocale('T0LIGHTS', 'C0ZH', 'zh', { time: '22:00', zone: 'UTC' }, NOW);

    const inEnglish = await harness.command('/quote', '贝特森', { userId: chen.userId, channelId: 'C0EN' });
    const shown = textsOf(inEnglish.ack ?? {});
    const quote = corpus.quotes.find((q) => shown[1]?.startsWith(`> ${q.zh.split('\n')[0]}`));
    expect(quote?.speaker).toBe('batson');
    expect(shown.at(-1)).toBe(translator('en').t('article.source.zh'));

    const inChinese = await harness.command('/quote', 'batson en', { userId: 'U0ADA', channelId: 'C0ZH' });
    expect(textsOf(inChinese.ack ?? {}).at(-1)).toBe(translator('zh').t('article.source.en'));

    const miss = await harness.command('/fact', 'quantum banana', { userId: chen.userId, channelId: 'C0EN' });
    expect(miss.ack?.response_type).toBe('ephemeral');
    expect(String(miss.ack?.text)).toMatch(/^文中没有和“quantum banana”相关的事实。/);
  });
});
