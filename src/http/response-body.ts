/** A response body: parsed JSON when it is JSON (whatever the content-type says), else the text, else undefined when empty. */
export function decodeBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Renders a zod issue path the way a developer would write it: `data[3].value`, `["odd key"]`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let rendered = '';
  for (const segment of path) {
    if (typeof segment === 'number') rendered += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_$][\w$-]*$/.test(segment)) {
      rendered += rendered ? `.${segment}` : segment;
    } else rendered += `[${JSON.stringify(String(segment))}]`;
  }
  return rendered || '(root)';
}
