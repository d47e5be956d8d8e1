// Intl formatters cost far more to create than to use (~0.1 ms each, against microseconds per
// format), and a tree page formats hundreds of amounts and dates: one formatter per locale and options.

const MAX_ENTRIES = 256;
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** `new Intl.NumberFormat(locale, options)`, created once per locale and options. */
export function numberFormat(locale: string | undefined, options?: Intl.NumberFormatOptions): Intl.NumberFormat {
  return cached(numberFormats, locale, options, () => new Intl.NumberFormat(locale, options));
}

/** `new Intl.DateTimeFormat(locale, options)`, created once per locale and options. */
export function dateTimeFormat(locale: string | undefined, options?: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached(dateFormats, locale, options, () => new Intl.DateTimeFormat(locale, options));
}

function cached<F>(formats: Map<string, F>, locale: string | undefined, options: object | undefined, create: () => F): F {
  const key = `${locale ?? ''}\u0000${options ? JSON.stringify(options) : ''}`;
  let format = formats.get(key);
  if (!format) {
    // Created before it is kept: a bad locale or currency throws as it always did, and is not kept.
    format = create();
    if (formats.size >= MAX_ENTRIES) formats.clear();
    formats.set(key, format);
  }
  return format;
}
