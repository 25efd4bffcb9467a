/** Escapes text content. */
export function xmlText(value: string): string {
  return dropInvalid(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes an attribute value for double quotes; line breaks are kept as character references. */
export function xmlAttr(value: string): string {
  return xmlText(value)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

/**
 * Replaces what XML 1.0 forbids anywhere, even escaped (control characters other than tab and
 * line breaks, lone surrogates, U+FFFE/U+FFFF), so a log line can never break the document.
 */
function dropInvalid(value: string): string {
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0) as number;
    const allowed =
      code === 0x9 ||
      code === 0xa ||
      code === 0xd ||
      (code >= 0x20 && code <= 0xd7ff) ||
      (code >= 0xe000 && code <= 0xfffd) ||
      code >= 0x10000;
    out += allowed ? char : '\uFFFD';
  }
  return out;
}
