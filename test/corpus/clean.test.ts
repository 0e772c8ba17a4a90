import { describe, expect, it } from 'vitest';
import {
  applyFixes,
  CAPTION_LINES,
  cleanArticle,
  countOccurrences,
  findResidue,
  normaliseNewlines,
  openccToSimplified,
  PARTICLE_FIXES,
  RAW_FIXES,
  splitParagraphs,
  splitSentences,
  stripPinyin,
} from '../../src/corpus/clean.js';
import { committedCleanText, rawArticle } from './article-source.js';

const toSimplified = openccToSimplified();

describe('stripPinyin', () => {
  it.each([
    ['研發(fā)', '研發'],
    ['小時(shí)', '小時'],
    ['馬達(dá)維', '馬達維'],
    ['切納普拉加達(dá)', '切納普拉加達'],
    ['誰(shuí)', '誰'],
    ['個(gè)', '個'],
    ['長(zhǎng)', '長'],
    ['綠(lǜ)', '綠'],
    ['女(nǚ)', '女'],
    ['略(lüè)', '略'],
    ['驢(lǘ)', '驢'],
    ['呂(lǚ)', '呂'],
    ['對(duì)於(yú)', '對於'],
    ['頁(yè)時(shí)', '頁時'],
  ])('%s → %s', (input, output) => {
    expect(stripPinyin(input)).toBe(output);
  });

  it('keeps English parentheticals, which have capitals, spaces or commas', () => {
    for (const text of ['喬希·貝特森(Josh Batson)', '實驗室(Meta Superintelligence Lab,MSL)', '陳信翰(Mark Chen)']) {
      expect(stripPinyin(text)).toBe(text);
    }
  });

  it('only strips right after a CJK character', () => {
    expect(stripPinyin('f(x) and AI(ai)')).toBe('f(x) and AI(ai)');
  });
});

describe('fix tables', () => {
  it('RAW_FIXES covers the three known damaged spots and the real question mark', () => {
    expect(RAW_FIXES.map((f) => [f.from, f.to])).toEqual([
      ['日?qǐng)?bào)', '日报'],
      ['因?yàn)槟P陀?xùn)練', '因为模型训练'],
      ['他們?cè)诟?jìng)相', '他们在竞相'],
      ['任務(wù)?」', '任务？」'],
    ]);
  });

  it('every fix value is already simplified, so OpenCC after the raw fixes leaves it alone', () => {
    for (const fix of [...RAW_FIXES, ...PARTICLE_FIXES]) expect(toSimplified(fix.to)).toBe(fix.to);
  });

  it('raw fixes must run before OpenCC: converting first changes their keys so they would no longer match', () => {
    const changed = RAW_FIXES.filter((f) => toSimplified(stripPinyin(f.from)) !== f.from);
    expect(changed.map((f) => f.from)).toEqual(['因?yàn)槟P陀?xùn)練', '他們?cè)诟?jìng)相', '任務(wù)?」']);
  });

  it('particle fixes are written in simplified form, the form the text has after OpenCC', () => {
    for (const fix of PARTICLE_FIXES) {
      expect(toSimplified(fix.from)).toBe(fix.from);
      expect(fix.from.endsWith('著')).toBe(true);
      expect(fix.to).toBe(`${fix.from.slice(0, -1)}着`);
    }
  });

  it.each(RAW_FIXES.map((f) => [f.from, f.to] as const))('cleanArticle repairs %s → %s', (from, to) => {
    const { text, unusedFixes } = cleanArticle(`前文${from}后文\n`, toSimplified);
    expect(text).toBe(`前文${to}后文\n`);
    expect(unusedFixes).not.toContain(from);
  });

  it.each([
    ['拿著超越', '拿着超越'],
    ['屏幕上滾動(dòng)著同事們', '屏幕上滚动着同事们'],
    ['正經(jīng)歷著近乎', '正经历着近乎'],
    ['驅動(dòng)著他們', '驱动着他们'],
    ['威脅著研發(fā)團(tuán)隊(duì)', '威胁着研发团队'],
  ])('cleanArticle turns the particle in %s into %s (traditional input, through OpenCC)', (input, output) => {
    expect(cleanArticle(input, toSimplified).text).toBe(`${output}\n`);
  });

  it('covers every particle entry with the cases above', () => {
    const covered = ['拿著', '滚动著', '经历著', '驱动著', '威胁著'];
    expect(PARTICLE_FIXES.map((f) => f.from)).toEqual(covered);
  });

  it('keeps 著 where it is not the particle (著名), since there is no blanket replace', () => {
    expect(cleanArticle('著名的科學(xué)家拿著書', toSimplified).text).toBe('著名的科学家拿着书\n');
    expect(applyFixes('著名', PARTICLE_FIXES)).toBe('著名');
  });

  it('reports table entries that match nothing, so a changed article fails loudly', () => {
    const { unusedFixes } = cleanArticle('没有损坏的文字。', toSimplified);
    expect(unusedFixes).toEqual([...RAW_FIXES, ...PARTICLE_FIXES].map((f) => f.from));
  });
});

describe('paragraphs and sentences', () => {
  it('drops caption-only lines and blank lines, trims, and ends with one newline', () => {
    const raw = `标题\r\n\r\n第一段。\n${CAPTION_LINES.map((c) => `  ${c} `).join('\n\n')}\n 第二段。 \n\n\n\n`;
    const { text, paragraphs } = cleanArticle(raw, toSimplified);
    expect(paragraphs).toEqual(['标题', '第一段。', '第二段。']);
    expect(text).toBe('标题\n第一段。\n第二段。\n');
  });

  it('drops the traditional caption 陳信翰 too, because captions are matched after OpenCC', () => {
    expect(cleanArticle('正文。\n陳信翰\n', toSimplified).paragraphs).toEqual(['正文。']);
  });

  it('keeps a name that is part of a longer line', () => {
    expect(splitParagraphs('Josh Batson说\nJosh Batson')).toEqual(['Josh Batson说']);
  });

  it('normalises CRLF and a BOM', () => {
    expect(normaliseNewlines('\uFEFFa\r\nb\rc')).toBe('a\nb\nc');
  });

  it.each([
    ['环球同此凉热。欲戴王冠,必承其重。', ['环球同此凉热。', '欲戴王冠,必承其重。']],
    ['一次就出现一次,「这是最有趣的问题」。', ['一次就出现一次,「这是最有趣的问题」。']],
    ['提示问:「有没有办法更高效？」', ['提示问:「有没有办法更高效？」']],
    ['贝特森感叹道:', ['贝特森感叹道:']],
    ['Slack聊天室里的深夜', ['Slack聊天室里的深夜']],
    ['真的吗？是的！好。', ['真的吗？', '是的！', '好。']],
    ['未完的句子。尾巴', ['未完的句子。', '尾巴']],
  ])('splitSentences(%s)', (paragraph, sentences) => {
    expect(splitSentences(paragraph)).toEqual(sentences);
  });
});

describe('findResidue', () => {
  it('finds each kind of damage', () => {
    const kinds = (text: string) => findResidue(text, toSimplified).map((r) => r.kind);
    expect(kinds('研发(fā)')).toContain('annotation');
    expect(kinds('日qǐng)')).toEqual(expect.arrayContaining(['tone-letter', 'unbalanced-paren']));
    expect(kinds('他们?在')).toEqual(['question-mark']);
    expect(kinds('小時')).toEqual(['traditional']);
    expect(kinds('a\n\nb')).toEqual(['blank']);
    expect(findResidue('干净的文字。\n第二行(Josh Batson)\n', toSimplified)).toEqual([]);
  });
});

describe('the real article', () => {
  it('cleans to exactly the committed fixtures/article.clean.txt, using every fix-table entry', () => {
    if (rawArticle === undefined) {
      // No raw article here: the committed text must at least be a fixed point of the later steps.
      const again = cleanArticle(committedCleanText, toSimplified);
      expect(again.text).toBe(committedCleanText);
      return;
    }
    for (const fix of RAW_FIXES) expect(countOccurrences(rawArticle, fix.from), fix.from).toBe(1);
    const cleaned = cleanArticle(rawArticle, toSimplified);
    expect(cleaned.unusedFixes).toEqual([]);
    expect(cleaned.text).toBe(committedCleanText);
    expect(cleaned.annotationsStripped).toBeGreaterThan(200);
  });

  it('leaves no annotation, `?` damage, stray paren, blank line or traditional form in the clean text', () => {
    expect(findResidue(committedCleanText, toSimplified)).toEqual([]);
    expect(committedCleanText.endsWith('\n')).toBe(true);
    expect(committedCleanText.endsWith('\n\n')).toBe(false);
    for (const line of committedCleanText.trimEnd().split('\n')) expect(line).toBe(line.trim());
  });

  it('has no caption line left and keeps the speakers named in the prose', () => {
    const lines = committedCleanText.trimEnd().split('\n');
    for (const caption of CAPTION_LINES) expect(lines).not.toContain(caption);
    expect(committedCleanText).toContain('乔希·贝特森(Josh Batson)');
    expect(committedCleanText).toContain('陈信翰(Mark Chen)');
    expect(committedCleanText).toContain('《华尔街日报》');
    expect(committedCleanText).toContain('完成当前任务？」');
  });
});
