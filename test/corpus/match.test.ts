import { describe, expect, it } from 'vitest';
import { openccToSimplified } from '../../src/corpus/clean.js';
import { loadCorpus } from '../../src/corpus/load.js';
import {
  allowedTypos,
  editDistance,
  lookupFacts,
  lookupQuotes,
  nearestSpeaker,
  normaliseName,
  quoteMatchedBy,
  resolveSpeaker,
  searchFacts,
  searchQuotes,
  TRADITIONAL_NAME_CHARS,
} from '../../src/corpus/match.js';

const corpus = loadCorpus();
const who = (text: string) => {
  const m = resolveSpeaker(corpus, text);
  return m.kind === 'speaker' ? m.speaker.id : m.kind === 'ambiguous' ? m.candidates.map((s) => s.id) : 'none';
};

describe('resolveSpeaker', () => {
  it.each(corpus.speakers.flatMap((s) => [...s.aliases, s.name_en, s.name_zh, s.id].map((a) => [a, s.id])))(
    'alias %s → %s',
    (alias, id) => {
      expect(who(alias)).toBe(id);
      expect(who(alias.toUpperCase())).toBe(id);
      expect(who(`  ${alias} `)).toBe(id);
    },
  );

  it.each([
    ['batson', 'batson'],
    ['Josh', 'batson'],
    ['SEWAK', 'sewak'],
    ['chen', 'chen'],
    ['Chen', 'chen'],
    ['chenna', 'chennapragada'],
    ['贝特森', 'batson'],
    ['乔希贝特森', 'batson'],
    ['Josh  Batson', 'batson'],
    ['bat', 'batson'],
    ['mad', 'sewak'],
    ['aparna c', 'chennapragada'],
    ['切纳普', 'chennapragada'],
    ['陈信翰', 'chen'],
  ])('%s → %s', (text, id) => {
    expect(who(text)).toBe(id);
  });

  it('prefers the exact name chen (Mark Chen) over the prefix of Chennapragada; che is ambiguous', () => {
    expect(who('chen')).toBe('chen');
    expect(who('che')).toEqual(['chennapragada', 'chen']);
  });

  it('needs at least three characters for a prefix, and finds nothing for strangers', () => {
    expect(who('ba')).toBe('none');
    expect(who('ma')).toBe('none');
    expect(who('zuckerberg')).toBe('none');
    expect(who('')).toBe('none');
    expect(who('   ')).toBe('none');
    expect(who('batsons')).toBe('none');
  });

  it('accepts the traditional forms of the Chinese names', () => {
    expect(who('貝特森')).toBe('batson');
    expect(who('喬希·貝特森')).toBe('batson');
    expect(who('馬達維·塞瓦克')).toBe('sewak');
    expect(who('阿帕娜·切納普拉加達')).toBe('chennapragada');
    expect(who('陳信翰')).toBe('chen');
  });

  it('maps each traditional name character exactly as OpenCC does', () => {
    const toSimplified = openccToSimplified();
    for (const [trad, simp] of Object.entries(TRADITIONAL_NAME_CHARS)) expect(toSimplified(trad)).toBe(simp);
    // …and covers every character OpenCC changes in the traditional names.
    const traditionalNames = '喬希·貝特森馬達維·塞瓦克阿帕娜·切納普拉加達陳信翰';
    expect(normaliseName(traditionalNames)).toBe(normaliseName(toSimplified(traditionalNames)));
  });
});

const ids = (items: readonly { id: string }[]) => items.map((x) => x.id);

describe('searchQuotes / searchFacts', () => {
  it('finds vacation quotes, exact tag first, in file order', () => {
    expect(ids(searchQuotes(corpus, 'vacation'))).toEqual(['sewak-no-vacation', 'chen-rest-and-recover']);
    expect(ids(searchQuotes(corpus, 'VACATION'))).toEqual(ids(searchQuotes(corpus, 'vacation')));
  });

  it('finds English phrases and Chinese text', () => {
    expect(ids(searchQuotes(corpus, '20 years'))[0]).toBe('batson-2-years');
    expect(ids(searchQuotes(corpus, '度假'))).toEqual(['sewak-no-vacation']);
    expect(ids(searchQuotes(corpus, '五脏六腑'))).toEqual(['chen-gutted']);
    // A quote stored over several lines still matches across the line break.
    expect(ids(searchQuotes(corpus, '变化。没人抽出'))).toEqual(['sewak-no-vacation']);
  });

  it('finds a speaker’s quotes by org as a weak match', () => {
    expect(ids(searchQuotes(corpus, 'anthropic'))).toEqual(ids(corpus.quotesBySpeaker.get('batson') ?? []));
  });

  it('finds facts by number, name and Chinese', () => {
    expect(ids(searchFacts(corpus, '0-0-2'))).toEqual(['zero-zero-two']);
    expect(ids(searchFacts(corpus, '996'))).toEqual(['zero-zero-two', 'nine-nine-six-and-007']);
    expect(ids(searchFacts(corpus, '20 years'))).toEqual(['twenty-years-in-two']);
    expect(ids(searchFacts(corpus, 'MSL'))[0]).toBe('meta-msl-poaching');
    expect(ids(searchFacts(corpus, '扎克伯格'))).toEqual(['meta-signing-bonuses']);
    expect(ids(searchFacts(corpus, '度假'))).toEqual(['lights-out-for-a-week', 'openai-week-off']);
    expect(ids(searchFacts(corpus, '80-100 hours'))).toEqual(['hours-80-100']);
  });

  it('ranks an exact tag above a phrase match', () => {
    const found = ids(searchFacts(corpus, 'vacation'));
    expect(found.slice(0, 3)).toEqual(['lights-out-for-a-week', 'openai-week-off', 'week-off-was-defensive']);
  });

  it('needs every word for a loose match and returns nothing for nonsense or blanks', () => {
    expect(ids(searchFacts(corpus, 'weekend midnight'))).toEqual(['zero-zero-two']);
    expect(searchFacts(corpus, 'xylophone')).toEqual([]);
    expect(searchQuotes(corpus, '  ')).toEqual([]);
  });

  it('returns a stable order', () => {
    expect(ids(searchFacts(corpus, 'openai'))).toEqual(ids(searchFacts(corpus, 'openai')));
  });
});

describe('lookupQuotes / lookupFacts', () => {
  it('chooses by speaker, then keyword; an ambiguous name asks', () => {
    expect(lookupQuotes(corpus, undefined)).toEqual({ kind: 'all', quotes: corpus.quotes });
    const chen = lookupQuotes(corpus, 'chen');
    expect(chen.kind === 'speaker' && ids(chen.quotes)).toEqual(['chen-gutted', 'chen-rest-and-recover']);
    expect(lookupQuotes(corpus, 'che').kind).toBe('ambiguous');
    const vacation = lookupQuotes(corpus, 'vacation');
    expect(vacation.kind === 'search' && ids(vacation.quotes)[0]).toBe('sewak-no-vacation');
    expect(lookupQuotes(corpus, 'xylophone')).toEqual({ kind: 'none' });
  });

  it('chooses facts by keyword', () => {
    expect(lookupFacts(corpus, ' ')).toEqual({ kind: 'all', facts: corpus.facts });
    expect(lookupFacts(corpus, '996').kind).toBe('search');
    expect(lookupFacts(corpus, 'xylophone')).toEqual({ kind: 'none' });
  });
});

describe('near-miss names', () => {
  it('counts insertions, deletions, substitutions and neighbour swaps as one edit each', () => {
    expect(editDistance('batsen', 'batson')).toBe(1);
    expect(editDistance('sewack', 'sewak')).toBe(1);
    expect(editDistance('sewka', 'sewak')).toBe(1);
    expect(editDistance('', 'chen')).toBe(4);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('贝特林', '贝特森')).toBe(1);
  });

  it('reads batsen, sewack, chennapragda and Madhavi Sewik as the speaker they are close to', () => {
    expect(nearestSpeaker(corpus, 'batsen')?.id).toBe('batson');
    expect(nearestSpeaker(corpus, 'sewack')?.id).toBe('sewak');
    expect(nearestSpeaker(corpus, 'chennapragda')?.id).toBe('chennapragada');
    expect(nearestSpeaker(corpus, 'Madhavi Sewik')?.id).toBe('sewak');
  });

  it('does not stretch short or distant words into names', () => {
    expect(allowedTypos(3)).toBe(0);
    expect(nearestSpeaker(corpus, 'che')).toBeUndefined();
    expect(nearestSpeaker(corpus, 'nobody')).toBeUndefined();
    expect(nearestSpeaker(corpus, 'vacation')).toBeUndefined();
    expect(nearestSpeaker(corpus, 'xylophone')).toBeUndefined();
  });

  it('lookupQuotes prefers words found in a quote, then a near-miss name marked as a typo', () => {
    const batsen = lookupQuotes(corpus, 'batsen');
    expect(batsen).toMatchObject({ kind: 'speaker', typo: true, speaker: { id: 'batson' } });
    expect(lookupQuotes(corpus, 'batson')).not.toHaveProperty('typo');
    const nobody = lookupQuotes(corpus, 'nobody');
    expect(nobody.kind === 'search' && ids(nobody.quotes)).toEqual(['sewak-no-vacation']);
  });

  it('says whether a quote matched a topic or only words', () => {
    const quote = corpus.quoteById.get('sewak-no-vacation')!;
    expect(quoteMatchedBy(quote, 'Vacation')).toBe('topic');
    expect(quoteMatchedBy(quote, 'nobody')).toBe('words');
  });
});
