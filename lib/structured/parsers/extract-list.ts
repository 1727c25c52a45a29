/** Options of `extractList`. */
export interface ExtractListOptions {
  /**
   * A custom item pattern; its first capture group is the item (the whole match without one).
   * Replaces the built-in bullet and number markers.
   */
  readonly pattern?: RegExp;
}

/** `- item`, `* item`, `• item`, `+ item`, `1. item`, `1) item`, `(1) item`, optional `[ ]` / `[x]`. */
const ITEM = /^\s*(?:[-*•+]|\d{1,3}[.)]|\(\d{1,3}\))\s+(?:\[[ xX]\]\s+)?(.*\S)\s*$/;

/**
 * The items of the bullet and numbered lists in a text, in order, with their markers removed.
 * An indented line right after an item that is not an item itself continues it (a wrapped line).
 * Total: text without a list gives `[]`.
 *
 * @example
 * extractList('Steps:\n1. Install\n2. Configure\n   the module\n- Done'); // ['Install', 'Configure the module', 'Done']
 */
export function extractList(text: string, options: ExtractListOptions = {}): string[] {
  const items: string[] = [];
  let open = false;
  for (const line of text.split(/\r?\n/)) {
    if (options.pattern !== undefined) {
      const match = options.pattern.exec(line);
      if (match !== null) items.push((match[1] ?? match[0]).trim());
      continue;
    }
    const match = ITEM.exec(line);
    if (match?.[1] !== undefined) {
      items.push(match[1]);
      open = true;
    } else if (open && /^\s+\S/.test(line)) {
      items[items.length - 1] = `${items[items.length - 1] ?? ''} ${line.trim()}`;
    } else {
      open = false;
    }
  }
  return items;
}
