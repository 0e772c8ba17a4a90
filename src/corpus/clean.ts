/**
 * Pure cleaning of the source article, which went through a broken simplified→traditional converter.
 *
 * Pipeline (order matters; each table is written in the form the text has at its step):
 *   1. normalise line ends / BOM
 *   2. RAW_FIXES        on the raw text: damaged spots, keyed byte-for-byte as they appear in the file
 *   3. stripPinyin      drop `(pinyin)` annotations after CJK characters: `研發(fā)` → `研發`
 *   4. toSimplified     OpenCC traditional → simplified (`{ from: 't', to: 'cn' }`)
 *   5. PARTICLE_FIXES   on simplified text: `著` → `着` where it is the aspect particle (OpenCC keeps `著`)
 *   6. paragraphs       one per non-blank line, minus image-caption lines (CAPTION_LINES, simplified form)
 *   7. sentences        split inside each paragraph (see splitSentences)
 *
 * This module is build-time only (scripts/build-corpus.ts and tests): it imports opencc-js, a devDependency.
 * The bot reads the committed `fixtures/article.clean.txt` instead.
 */
import * as OpenCC from 'opencc-js';

/** The source article, relative to the project root (the shared folder beside the checkout). */
export const DEFAULT_ARTICLE_PATH = '../shared/article/000_4d2cc72df5aa22cc.txt';

export interface TextFix {
  readonly from: string;
  readonly to: string;
  readonly why: string;
}

/**
 * Damaged spots, applied to the raw text before anything else so the keys are exact substrings of the file
 * (the damage has lost its `(` so no later step would touch it either). Values are already simplified,
 * which OpenCC leaves unchanged (tested).
 */
export const RAW_FIXES: readonly TextFix[] = [
  { from: '日?qǐng)?bào)', to: '日报', why: 'mojibake inside 《華爾街日報》 (Wall Street Journal)' },
  {
    from: '因?yàn)槟P陀?xùn)練',
    to: '因为模型训练',
    why: 'mojibake run; the clause reads 因为模型训练的结果往往充满未知',
  },
  { from: '他們?cè)诟?jìng)相', to: '他们在竞相', why: 'mojibake run; the clause reads 他们在竞相加速AI的演进' },
  {
    from: '任務(wù)?」',
    to: '任务？」',
    why:
      'a real question (the extension asks it); ASCII `?` is this file’s damage marker, so the genuine one ' +
      'becomes the full-width `？` and "no ASCII ? survives" stays a mechanical check',
  },
];

/** `著` as aspect particle, after OpenCC (which keeps `著` because it is also valid in 著名). */
export const PARTICLE_FIXES: readonly TextFix[] = [
  { from: '拿著', to: '拿着', why: 'aspect particle' },
  { from: '滚动著', to: '滚动着', why: 'aspect particle' },
  { from: '经历著', to: '经历着', why: 'aspect particle' },
  { from: '驱动著', to: '驱动着', why: 'aspect particle' },
  { from: '威胁著', to: '威胁着', why: 'aspect particle' },
];

/** Image captions: lines holding only a speaker's name (simplified form, as they are at step 6). */
export const CAPTION_LINES: readonly string[] = ['Josh Batson', 'Madhavi Sewak', 'Aparna Chennapragada', '陈信翰'];

/** Letters a toned pinyin syllable can hold. */
const PINYIN_LETTERS = 'a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê';
const CJK = '\\u3400-\\u9fff\\uf900-\\ufaff';
/** `(pinyin)` right after a CJK character; English parentheticals like `(Josh Batson)` have capitals/spaces. */
const PINYIN_ANNOTATION = new RegExp(`(?<=[${CJK}])\\([${PINYIN_LETTERS}]+\\)`, 'g');
const TONE_MARKS = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/u;

export type ToSimplified = (text: string) => string;

let defaultConverter: ToSimplified | undefined;

/** OpenCC generic traditional → mainland simplified (`t2s`); built lazily because the dictionaries are big. */
export function openccToSimplified(): ToSimplified {
  const converter = defaultConverter ?? OpenCC.Converter({ from: 't', to: 'cn' });
  defaultConverter = converter;
  return converter;
}

export function normaliseNewlines(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

export function countOccurrences(text: string, needle: string): number {
  if (needle === '') return 0;
  return text.split(needle).length - 1;
}

/** Replaces every occurrence of each `from`, in table order. */
export function applyFixes(text: string, fixes: readonly TextFix[]): string {
  return fixes.reduce((acc, fix) => acc.split(fix.from).join(fix.to), text);
}

export function stripPinyin(text: string): string {
  return text.replace(PINYIN_ANNOTATION, '');
}

/** Non-blank lines, trimmed, without caption-only lines. */
export function splitParagraphs(text: string, captions: readonly string[] = CAPTION_LINES): string[] {
  const drop = new Set(captions);
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !drop.has(line));
}

/**
 * Sentences never cross a paragraph (line). Inside one, a sentence ends after 。！？!? plus any closing
 * quotes/brackets that follow (`…问题」。`, `…任务？」`). The article's half-width `,` does not split, and
 * neither does an inner colon: a lead-in like `贝特森感叹道:` already stands alone on its line, so it is
 * its own sentence. A paragraph without a final terminator (a heading) is one sentence.
 */
export function splitSentences(paragraph: string): string[] {
  const parts = paragraph.match(/[^。！？!?]+(?:[。！？!?]+[」』”’》）)]*)?|[。！？!?]+[」』”’》）)]*/g) ?? [];
  return parts.map((s) => s.trim()).filter((s) => s !== '');
}

export interface CleanedArticle {
  /** Paragraphs joined by `\n`, with a final newline: the content of fixtures/article.clean.txt. */
  readonly text: string;
  readonly paragraphs: readonly string[];
  readonly sentences: readonly string[];
  /** `from` strings of RAW_FIXES / PARTICLE_FIXES that matched nothing: the table no longer fits the text. */
  readonly unusedFixes: readonly string[];
  readonly annotationsStripped: number;
}

export function cleanArticle(raw: string, toSimplified: ToSimplified = openccToSimplified()): CleanedArticle {
  const unused: string[] = [];
  const normal = normaliseNewlines(raw);
  for (const fix of RAW_FIXES) if (!normal.includes(fix.from)) unused.push(fix.from);
  const fixed = applyFixes(normal, RAW_FIXES);
  const annotationsStripped = (fixed.match(PINYIN_ANNOTATION) ?? []).length;
  const simplified = toSimplified(stripPinyin(fixed));
  for (const fix of PARTICLE_FIXES) if (!simplified.includes(fix.from)) unused.push(fix.from);
  const paragraphs = splitParagraphs(applyFixes(simplified, PARTICLE_FIXES));
  return {
    text: paragraphs.length ? `${paragraphs.join('\n')}\n` : '',
    paragraphs,
    sentences: paragraphs.flatMap(splitSentences),
    unusedFixes: unused,
    annotationsStripped,
  };
}

export interface Residue {
  readonly kind: 'annotation' | 'tone-letter' | 'question-mark' | 'unbalanced-paren' | 'traditional' | 'blank';
  readonly line: number;
  readonly excerpt: string;
}

/**
 * Damage that must not survive cleaning, per line (1-based). `toSimplified` enables the check that OpenCC
 * would change nothing more, i.e. no traditional form is left.
 */
export function findResidue(text: string, toSimplified?: ToSimplified): Residue[] {
  const found: Residue[] = [];
  const lines = text.replace(/\n$/, '').split('\n');
  lines.forEach((line, i) => {
    const at = (kind: Residue['kind'], excerpt: string) => found.push({ kind, line: i + 1, excerpt });
    if (line.trim() === '') at('blank', line);
    for (const m of line.matchAll(new RegExp(`\\([${PINYIN_LETTERS}]+\\)`, 'g'))) at('annotation', m[0]);
    if (TONE_MARKS.test(line)) at('tone-letter', line);
    if (line.includes('?')) at('question-mark', line);
    if (countOccurrences(line, '(') !== countOccurrences(line, ')')) at('unbalanced-paren', line);
    if (toSimplified) {
      const converted = toSimplified(line);
      if (converted !== line) {
        const a = Array.from(line);
        const b = Array.from(converted);
        const diff = a.filter((ch, k) => ch !== b[k]).join('');
        at('traditional', diff || line);
      }
    }
  });
  return found;
}
