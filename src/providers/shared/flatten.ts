export interface FlattenOptions {
  /** `whole` (default) keeps an array as one value; `indexed` gives each item its own key (`drivers[0].summary`). */
  arrays?: 'whole' | 'indexed';
}

/**
 * Flattens what a CRM returned into one record for "All fields": nested objects become dotted keys
 * (`amount.minor`), and an empty object or array stays as itself, so nothing the CRM sent is hidden.
 * Values are copied: the caller's record is never shared with the panel.
 */
export function flattenInto(target: Record<string, unknown>, prefix: string, value: unknown, options: FlattenOptions = {}): void {
  if (Array.isArray(value)) {
    if (options.arrays !== 'indexed') target[prefix] = structuredClone(value);
    else if (!value.length) target[prefix] = [];
    else value.forEach((item, index) => flattenInto(target, `${prefix}[${index}]`, item, options));
    return;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (!entries.length && prefix) target[prefix] = {};
    for (const [key, inner] of entries) flattenInto(target, prefix ? `${prefix}.${key}` : key, inner, options);
    return;
  }
  target[prefix] = value;
}
