/**
 * Slack mrkdwn for the local workspace page, in two steps: `parseMrkdwn` turns text into a small tree (pure, so
 * tests run it in Node), `renderMrkdwn` builds DOM nodes from it with textContent only. No message text ever
 * reaches innerHTML: `&lt;script&gt;` shows as `<script>`, and an escaped `&lt;!channel&gt;` stays plain text.
 */

const ENTITIES = { '&lt;': '<', '&gt;': '>', '&amp;': '&' };

/** Slack escapes exactly these three in mrkdwn. */
export function decodeEntities(text) {
  return text.replace(/&(?:lt|gt|amp);/g, (entity) => ENTITIES[entity]);
}

/** The emoji the bot is likely to use; any other :name: stays as typed. */
export const EMOJI = {
  '+1': '👍',
  alarm_clock: '⏰',
  bar_chart: '📊',
  battery: '🔋',
  bed: '🛏️',
  bell: '🔔',
  book: '📖',
  books: '📚',
  brain: '🧠',
  bulb: '💡',
  bust_in_silhouette: '👤',
  busts_in_silhouette: '👥',
  calendar: '📅',
  chart_with_upwards_trend: '📈',
  city_sunset: '🌆',
  clock1: '🕐',
  clock10: '🕙',
  clock11: '🕚',
  clock12: '🕛',
  clock9: '🕘',
  coffee: '☕',
  crescent_moon: '🌙',
  date: '📅',
  earth_americas: '🌎',
  earth_asia: '🌏',
  exclamation: '❗',
  eyes: '👀',
  fire: '🔥',
  first_quarter_moon_with_face: '🌛',
  full_moon: '🌕',
  globe_with_meridians: '🌐',
  heart: '❤️',
  heavy_check_mark: '✔️',
  herb: '🌿',
  hourglass: '⌛',
  hourglass_flowing_sand: '⏳',
  house: '🏠',
  house_with_garden: '🏡',
  information_source: 'ℹ️',
  last_quarter_moon_with_face: '🌜',
  leftwards_arrow_with_hook: '↩️',
  lock: '🔒',
  low_battery: '🪫',
  memo: '📝',
  moon: '🌔',
  muscle: '💪',
  new_moon: '🌑',
  newspaper: '📰',
  night_with_stars: '🌃',
  no_bell: '🔕',
  no_entry: '⛔',
  page_facing_up: '📄',
  pencil: '📝',
  pray: '🙏',
  question: '❓',
  robot_face: '🤖',
  rotating_light: '🚨',
  seedling: '🌱',
  skull: '💀',
  sleeping: '😴',
  sleepy: '😪',
  sparkles: '✨',
  speech_balloon: '💬',
  spiral_calendar_pad: '🗓️',
  star: '⭐',
  stars: '🌠',
  sunrise: '🌅',
  tada: '🎉',
  tea: '🍵',
  thinking_face: '🤔',
  thumbsup: '👍',
  walking: '🚶',
  warning: '⚠️',
  wastebasket: '🗑️',
  wave: '👋',
  white_check_mark: '✅',
  x: '❌',
  zzz: '💤',
};

const STYLES = { '*': 'bold', _: 'italic', '~': 'strike' };
const WORD = /[\p{L}\p{N}_]/u;

function pushText(out, text) {
  if (!text) return;
  const last = out[out.length - 1];
  if (last && last.type === 'text') last.text += text;
  else out.push({ type: 'text', text });
}

/** Text with known :emoji: replaced by emoji nodes; entities are decoded here, after the structure is known. */
function textNodes(out, raw) {
  const text = decodeEntities(raw);
  let last = 0;
  for (const match of text.matchAll(/:([a-z0-9_+-]+):/g)) {
    const char = Object.hasOwn(EMOJI, match[1]) ? EMOJI[match[1]] : undefined;
    if (!char) continue;
    pushText(out, text.slice(last, match.index));
    out.push({ type: 'emoji', name: match[1], char });
    last = match.index + match[0].length;
  }
  pushText(out, text.slice(last));
}

/** `<…>`: a mention, a channel, a special mention, a date or a link. */
function angle(inner) {
  const bar = inner.indexOf('|');
  const target = bar >= 0 ? inner.slice(0, bar) : inner;
  const label = bar >= 0 ? decodeEntities(inner.slice(bar + 1)) : undefined;
  if (/^@[UWB][A-Z0-9]+$/.test(target)) return { type: 'user', id: target.slice(1), label };
  if (/^#C[A-Z0-9]+$/.test(target)) return { type: 'channel', id: target.slice(1), label };
  if (target.startsWith('!')) {
    const name = target.slice(1);
    if (name.startsWith('date^')) return { type: 'text', text: label ?? '' };
    if (name.startsWith('subteam^')) return { type: 'special', name: (label ?? 'group').replace(/^@/, '') };
    return { type: 'special', name };
  }
  const url = decodeEntities(target);
  return { type: 'link', url, label: label ?? url };
}

function opens(text, i) {
  const before = text[i - 1];
  const after = text[i + 1];
  return (before === undefined || !WORD.test(before)) && after !== undefined && !/\s/.test(after) && after !== text[i];
}

function findClose(text, i, marker) {
  for (let j = text.indexOf(marker, i + 2); j > 0; j = text.indexOf(marker, j + 1)) {
    const before = text[j - 1];
    const after = text[j + 1];
    if (!/\s/.test(before) && (after === undefined || !WORD.test(after))) return j;
  }
  return -1;
}

function parseInline(text) {
  const out = [];
  let buffer = '';
  const flush = () => {
    textNodes(out, buffer);
    buffer = '';
  };
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char === '<') {
      const end = text.indexOf('>', i + 1);
      if (end > i + 1) {
        flush();
        const node = angle(text.slice(i + 1, end));
        if (node.type === 'text') pushText(out, node.text);
        else out.push(node);
        i = end + 1;
        continue;
      }
    } else if (char === '`') {
      const end = text.indexOf('`', i + 1);
      if (end > i + 1) {
        flush();
        out.push({ type: 'code', text: decodeEntities(text.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    } else if (STYLES[char] && opens(text, i)) {
      const end = findClose(text, i, char);
      if (end > 0) {
        flush();
        out.push({ type: STYLES[char], children: parseInline(text.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    buffer += char;
    i++;
  }
  flush();
  return out;
}

function parseLines(text, out) {
  let quote;
  for (const line of text.split('\n')) {
    // Only a raw `>` starts a quote: text escaped with escapeMrkdwn has `&gt;` and stays a plain line.
    const quoted = /^>\s?/.exec(line);
    if (quoted) {
      if (!quote) {
        quote = { type: 'quote', lines: [] };
        out.push(quote);
      }
      quote.lines.push(parseInline(line.slice(quoted[0].length)));
    } else {
      quote = undefined;
      out.push({ type: 'line', children: parseInline(line) });
    }
  }
}

/** mrkdwn → [{type:'line', children} | {type:'quote', lines} | {type:'pre', text}]. */
export function parseMrkdwn(input) {
  const text = String(input ?? '');
  const parts = text.split('```');
  const out = [];
  parts.forEach((part, index) => {
    const isCode = index % 2 === 1 && index < parts.length - 1;
    if (isCode) {
      out.push({ type: 'pre', text: decodeEntities(part.replace(/^\n/, '').replace(/\n$/, '')) });
      return;
    }
    let chunk = index % 2 === 1 ? `\`\`\`${part}` : part;
    // The newlines around a code block belong to the block.
    if (index > 0 && parts.length > 1 && index % 2 === 0) chunk = chunk.replace(/^\n/, '');
    if (index < parts.length - 2) chunk = chunk.replace(/\n$/, '');
    if (chunk === '' && parts.length > 1) return;
    parseLines(chunk, out);
  });
  return out;
}

/** The text a person reads, without formatting (tests and accessibility labels). */
export function plainText(blocks) {
  return blocks
    .map((block) => {
      if (block.type === 'pre') return block.text;
      if (block.type === 'quote') return block.lines.map(inlineText).join('\n');
      return inlineText(block.children);
    })
    .join('\n');
}

function inlineText(nodes) {
  return nodes
    .map((node) => {
      switch (node.type) {
        case 'text':
        case 'code':
          return node.text;
        case 'bold':
        case 'italic':
        case 'strike':
          return inlineText(node.children);
        case 'emoji':
          return node.char;
        case 'link':
          return node.label;
        case 'user':
          return `@${node.label ?? node.id}`;
        case 'channel':
          return `#${node.label ?? node.id}`;
        case 'special':
          return `@${node.name}`;
        default:
          return '';
      }
    })
    .join('');
}

const SAFE_LINK = /^(https?:|mailto:)/i;

function renderInline(doc, nodes, parent, names) {
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        parent.append(doc.createTextNode(node.text));
        break;
      case 'bold':
      case 'italic':
      case 'strike': {
        const element = doc.createElement({ bold: 'b', italic: 'i', strike: 's' }[node.type]);
        renderInline(doc, node.children, element, names);
        parent.append(element);
        break;
      }
      case 'code': {
        const code = doc.createElement('code');
        code.textContent = node.text;
        parent.append(code);
        break;
      }
      case 'emoji': {
        const span = doc.createElement('span');
        span.className = 'emoji';
        span.title = `:${node.name}:`;
        span.textContent = node.char;
        parent.append(span);
        break;
      }
      case 'link': {
        if (SAFE_LINK.test(node.url)) {
          const link = doc.createElement('a');
          link.href = node.url;
          link.target = '_blank';
          link.rel = 'noopener noreferrer';
          link.textContent = node.label;
          parent.append(link);
        } else {
          parent.append(doc.createTextNode(node.label));
        }
        break;
      }
      case 'user':
      case 'channel':
      case 'special': {
        const span = doc.createElement('span');
        span.className = `mention ${node.type}`;
        span.textContent =
          node.type === 'user'
            ? `@${node.label ?? names.user(node.id) ?? node.id}`
            : node.type === 'channel'
              ? `#${node.label ?? names.channel(node.id) ?? node.id}`
              : `@${node.name}`;
        parent.append(span);
        break;
      }
    }
  }
}

/** DOM nodes for mrkdwn text. `names` resolves user and channel ids for mentions. */
export function renderMrkdwn(doc, text, names = { user: () => undefined, channel: () => undefined }) {
  const fragment = doc.createDocumentFragment();
  for (const node of parseMrkdwn(text)) {
    if (node.type === 'pre') {
      const pre = doc.createElement('pre');
      pre.textContent = node.text;
      fragment.append(pre);
    } else if (node.type === 'quote') {
      const quote = doc.createElement('blockquote');
      for (const line of node.lines) {
        const div = doc.createElement('div');
        div.className = 'line';
        renderInline(doc, line, div, names);
        if (line.length === 0) div.append(doc.createElement('br'));
        quote.append(div);
      }
      fragment.append(quote);
    } else {
      const div = doc.createElement('div');
      div.className = 'line';
      renderInline(doc, node.children, div, names);
      if (node.children.length === 0) div.append(doc.createElement('br'));
      fragment.append(div);
    }
  }
  return fragment;
}

/** plain_text objects: no formatting, only :emoji: when `emoji` is not false. */
export function renderPlainText(doc, text, emoji = true) {
  if (!emoji) return doc.createTextNode(text);
  const fragment = doc.createDocumentFragment();
  const nodes = [];
  // plain_text is not entity-escaped: protect `&` sequences from decoding by escaping first.
  textNodes(nodes, String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
  renderInline(doc, nodes, fragment, { user: () => undefined, channel: () => undefined });
  return fragment;
}
