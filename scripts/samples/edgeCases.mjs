// samples/edge: files that exercise error records, hostile content, missing or escaping media, and very long text.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from './seededRandom.mjs';
import { ffmpeg } from './tools.mjs';

const PWN = 'window.__pwned=1';

const t2t = (id, fields) => ({
  id,
  prompt: 'What is 2 + 2?',
  response1: 'Four.',
  response2: 'Five.',
  model1: 'edge/model-a',
  model2: 'edge/model-b',
  criteria: 'Prefer the correct answer.',
  criteria_preference: 'response1',
  ...fields,
});
const line = (record) => JSON.stringify(record);

/**
 * Physical lines: 1 valid, 2 valid ending in CRLF, 3 not JSON, 4 blank, 5 JSON that fits no field (`a`, `b`), 6 valid tie.
 * The e2e tests and README rely on these positions.
 */
function malformed() {
  return [
    line(t2t('edge-malformed-01', {})) + '\n',
    line(t2t('edge-malformed-02-crlf', { prompt: 'Name a primary colour.', response1: 'Blue.', response2: 'Green.' })) + '\r\n',
    '{"id": "edge-malformed-03", "prompt": "this record is cut off", "response1": "ok", "respo\n',
    '\n',
    '{"a": 1, "b": 2}\n',
    line(t2t('edge-malformed-06-tie', { prompt: 'Say hello.', response1: 'Hello!', response2: 'Hi there!', criteria_preference: 'tie', criteria: 'Any friendly greeting is fine.' })) + '\n',
  ].join('');
}

function xss() {
  const codeBlock = ['Here is how a page runs a script:', '', '```html', `<script>${PWN}</script>`, '```', '', 'The block above must show as text.'].join('\n');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" onload="${PWN}"><script>${PWN}</script><circle r="10"/></svg>`;
  return [
    t2t('edge-xss-01', {
      prompt: `<script>${PWN}</script> What is 2 + 2?`,
      response1: `<img src=x onerror="${PWN}"> Four.`,
      response2: `[click](javascript:${PWN}) It is five.`,
      criteria: `<script>${PWN}</script> Prefer the correct answer.`,
    }),
    t2t('edge-xss-02', {
      prompt: `Draw a circle. ${svg}`,
      response1: codeBlock,
      response2: `<a href="javascript:${PWN}">open</a> <iframe src="javascript:${PWN}"></iframe> ${svg}`,
      model1: `<b onmouseover="${PWN}">model-a</b>`,
      model2: `<img src=x onerror="${PWN}">`,
      criteria: `[criteria link](javascript:${PWN}) Prefer the answer that explains the code.`,
    }),
    t2t(`edge-xss-03"><img src=x onerror="${PWN}">`, {
      prompt: 'An id that tries to break out of an HTML attribute.',
      response1: `<style>body{display:none}</style><form action="javascript:${PWN}"><button>go</button></form>`,
      response2: `![img](javascript:${PWN}) <math><mtext><script>${PWN}</script></mtext></math>`,
      criteria_preference: 'tie',
      criteria: `<details open ontoggle="${PWN}">Either answer.</details>`,
    }),
  ]
    .map((r) => line(r) + '\n')
    .join('');
}

function missingMedia() {
  const t2i = (id, p1, note) => ({
    id,
    prompt: 'A small checkerboard.',
    response1: { path: p1 },
    response2: { path: 'media/checker.png' },
    response1_path: p1,
    response2_path: 'media/checker.png',
    model1: 'edge/model-a',
    model2: 'edge/model-b',
    criteria: 'Prefer the image that shows a checkerboard.',
    criteria_preference: 'response2',
    note,
  });
  return [
    t2i('edge-missing-media-01', 'media/does-not-exist.png', 'response1 points at a file that does not exist.'),
    t2i('edge-missing-media-02', '../../etc/passwd', 'response1 tries to climb out of the sample folder; it must not resolve.'),
    t2i(
      'edge-missing-media-03',
      '../omni-rewardbench/media/t23d/cube-views.png',
      'response1 names an image that exists, but outside this file\'s folder; without a media root it must not resolve.',
    ),
    t2i('edge-missing-media-04', '/etc/passwd', 'response1 is an absolute path outside every allowed root; it must not resolve.'),
  ]
    .map((r) => line(r) + '\n')
    .join('');
}

const WORDS =
  'reward model preference pair response criterion label tie benchmark audio video image mesh token score margin judge position bias length style accuracy annotation dataset record evaluation calibration sample'.split(
    ' ',
  );

/** About 200 KB of varied markdown: headings, paragraphs, lists, tables and fenced code. */
export function longMarkdown(targetBytes = 200_000) {
  const random = seededRandom(7);
  const pick = () => WORDS[Math.floor(random() * WORDS.length)];
  const sentence = () => {
    const words = Array.from({ length: 8 + Math.floor(random() * 10) }, pick);
    words[0] = words[0][0].toUpperCase() + words[0].slice(1);
    return words.join(' ') + '.';
  };
  const parts = ['# A very long answer', ''];
  let section = 0;
  while (parts.join('\n').length < targetBytes) {
    section += 1;
    parts.push(`## Section ${section}: ${pick()} and ${pick()}`, '');
    parts.push(Array.from({ length: 5 }, sentence).join(' '), '');
    parts.push(...Array.from({ length: 4 }, (_, i) => `${i + 1}. **${pick()}**: ${sentence()}`), '');
    parts.push('| metric | value | note |', '| --- | ---: | --- |');
    parts.push(...Array.from({ length: 3 }, () => `| ${pick()} | ${(random() * 100).toFixed(2)} | ${sentence()} |`), '');
    parts.push('```python', `def score_${section}(pair):`, `    return len(pair["${pick()}"]) - ${section}`, '```', '');
    parts.push(`> ${sentence()}`, '');
  }
  return parts.join('\n');
}

function longText() {
  const unbroken = 'x'.repeat(20_000);
  return [
    t2t('edge-long-text-01', {
      prompt: 'Write a very long, structured report.',
      response1: longMarkdown(),
      response2: 'A short answer.',
      criteria: 'Prefer the more thorough report.',
    }),
    t2t('edge-long-text-02-unbroken', {
      prompt: 'A response that is one 20,000-character word, to test wrapping.',
      response1: unbroken,
      response2: 'Short.',
      criteria_preference: 'response2',
    }),
  ]
    .map((r) => line(r) + '\n')
    .join('');
}

export function edgeCases(edgeDir) {
  mkdirSync(join(edgeDir, 'media'), { recursive: true });
  // A tiny real image so each missing-media record still has one response that renders.
  ffmpeg(['-f', 'lavfi', '-i', 'color=c=white:s=64x64:d=1'], ['-vf', "geq=lum='if(eq(mod(floor(X/8)+floor(Y/8),2),0),30,225)':cb=128:cr=128", '-frames:v', '1'], join(edgeDir, 'media/checker.png'));
  writeFileSync(
    join(edgeDir, '.gitattributes'),
    '# Byte-exact on every checkout: malformed.jsonl has one CRLF line on purpose, and no line-ending conversion may touch it.\n* -text\n',
  );
  writeFileSync(join(edgeDir, 'malformed.jsonl'), malformed());
  writeFileSync(join(edgeDir, 'xss.jsonl'), xss());
  writeFileSync(join(edgeDir, 'missing-media.jsonl'), missingMedia());
  writeFileSync(join(edgeDir, 'long-text.jsonl'), longText());
}
