// Links written in a data file: which ones may be offered for opening at all (the host still asks first).

const MAX_URL = 2048;

/** The URL when it is an http(s) or mailto link without control characters, else undefined. */
export function dataLinkUrl(href: unknown): string | undefined {
  // control characters are exactly what this refuses
  // eslint-disable-next-line no-control-regex
  if (typeof href !== 'string' || href.length > MAX_URL || /[\u0000-\u001f\u007f]/.test(href)) return undefined;
  return /^(?:https?:\/\/[^/\s]|mailto:[^\s])/i.test(href) ? href : undefined;
}
