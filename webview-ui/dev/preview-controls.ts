/** Optional switches for trying the preview by hand (?controls): fail or conflict the next request. */
export function showControls(switches: Record<string, boolean | number>): void {
  const bar = document.createElement('div');
  bar.setAttribute('role', 'group');
  bar.setAttribute('aria-label', 'Preview controls (not part of the panel)');
  bar.style.cssText = 'position:fixed;bottom:0;right:0;padding:6px 10px;background:var(--vscode-editorWidget-background,#252526);border:1px solid var(--vscode-widget-border,#454545);display:flex;gap:12px;font-size:12px;z-index:10';
  for (const name of ['failNextEdit', 'conflictNextEdit', 'failNextTask']) {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.addEventListener('change', () => { switches[name] = box.checked; });
    setInterval(() => { box.checked = Boolean(switches[name]); }, 300);
    label.append(box, ` ${name}`);
    bar.append(label);
  }
  document.body.append(bar);
}
