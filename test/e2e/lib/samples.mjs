// What the tests expect of a sample file, computed independently of the extension: records, parse errors,
// and which record carries which kind of media (found by file extension or data: URI anywhere in the record).
import fs from 'node:fs';

const MEDIA = {
  image: /\.(png|jpe?g|webp|gif)$|^data:image\//i,
  audio: /\.(wav|mp3|flac|ogg|oga)$|^data:audio\//i,
  video: /\.(mp4|webm|mov)$|^data:video\//i,
  mesh: /\.(glb|gltf|obj|ply)$/i,
};
export const MEDIA_KINDS = Object.keys(MEDIA);

/**
 * Records of a .jsonl (one per non-blank line) or .json (array elements) file.
 * Each: { index, line, value } where value is undefined when the line is not valid JSON.
 */
export function readSample(file) {
  const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  if (/\.jsonl$/i.test(file)) {
    const records = [];
    text.split(/\r?\n/).forEach((raw, i) => {
      if (!raw.trim()) return;
      let value;
      try {
        value = JSON.parse(raw);
      } catch {
        /* a parse error is an error record */
      }
      records.push({ index: records.length, line: i + 1, value, raw });
    });
    return { records, parseErrors: records.filter((r) => r.value === undefined).length };
  }
  const parsed = JSON.parse(text);
  const arr = Array.isArray(parsed) ? parsed : Object.values(parsed).find(Array.isArray);
  if (!arr) throw new Error(`${file}: no array of records found`);
  return { records: arr.map((value, index) => ({ index, value, raw: JSON.stringify(value) })), parseErrors: 0 };
}

function strings(v, out = []) {
  if (typeof v === 'string') out.push(v);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) strings(x, out);
  return out;
}

const RESPONSE_KEY = /^(response|chosen|rejected|completion)/i;

/** The media kinds a record mentions; `where`: 'any', 'responses' (the response, chosen and rejected fields) or 'prompt' (the rest). */
export function mediaKinds(value, where = 'any') {
  const picked =
    where === 'any' || !value || typeof value !== 'object'
      ? value
      : Object.fromEntries(Object.entries(value).filter(([k]) => RESPONSE_KEY.test(k) === (where === 'responses')));
  const s = strings(picked);
  return MEDIA_KINDS.filter((k) => s.some((x) => MEDIA[k].test(x.trim())));
}

/** The first record mentioning media of `kind` in `where` ('text' = the first record without any media), or undefined. */
export function firstWith(records, kind, where = 'any') {
  return records.find(
    (r) =>
      r.value !== undefined &&
      (kind === 'text' ? mediaKinds(r.value).length === 0 : mediaKinds(r.value, where).includes(kind)),
  );
}

/** A snippet of the record's prompt the pair view must show (first words of the prompt text). */
export function promptSnippet(value) {
  let p = value?.prompt ?? value?.instruction ?? value?.question;
  if (Array.isArray(p)) p = strings(p).join(' ');
  if (typeof p !== 'string') return undefined;
  const words = p
    .replace(/<[^>]*>/g, ' ')
    .replace(/[*_`#>[\]]/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 4);
  return words.length ? words.join(' ') : undefined;
}
