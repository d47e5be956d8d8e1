/**
 * The `--vscode-*` variables VS Code sets on a webview's <html>, for the preview: a subset of
 * Dark Modern, Light Modern and High Contrast, enough for the panel and VS Code Elements. A colour
 * a theme leaves unset (null in VS Code's registry) is left out here too, as VS Code does.
 */
export type ThemeName = 'dark' | 'light' | 'hc';

const FONT = {
  'font-family': '-apple-system, BlinkMacSystemFont, "Segoe WPC", "Segoe UI", "Ubuntu", "Droid Sans", sans-serif',
  'font-size': '13px',
  'font-weight': 'normal',
  'editor-font-family': 'Consolas, "Courier New", "Droid Sans Mono", monospace',
  'editor-font-size': '14px',
};

const DARK: Record<string, string> = {
  foreground: '#cccccc', descriptionForeground: '#9d9d9d', errorForeground: '#f85149', focusBorder: '#0078d4',
  'editor-background': '#1f1f1f', 'editor-foreground': '#cccccc', 'icon-foreground': '#cccccc', 'widget-border': '#313131',
  'panel-border': '#2b2b2b', 'button-background': '#0078d4', 'button-foreground': '#ffffff', 'button-hoverBackground': '#026ec1',
  'button-border': '#ffffff1a', 'button-secondaryBackground': '#313131', 'button-secondaryForeground': '#cccccc',
  'button-secondaryHoverBackground': '#3c3c3c', 'badge-background': '#616161', 'badge-foreground': '#f8f8f8',
  'charts-green': '#89d185', 'charts-red': '#f14c4c', 'input-background': '#313131', 'input-border': '#3c3c3c',
  'input-foreground': '#cccccc', 'input-placeholderForeground': '#989898', 'settings-textInputBackground': '#313131',
  'settings-textInputBorder': '#3c3c3c', 'settings-textInputForeground': '#cccccc', 'settings-dropdownBackground': '#313131',
  'settings-dropdownBorder': '#3c3c3c', 'settings-dropdownForeground': '#cccccc', 'settings-dropdownListBorder': '#454545',
  'settings-checkboxBackground': '#313131', 'settings-checkboxBorder': '#3c3c3c', 'settings-checkboxForeground': '#cccccc',
  'dropdown-background': '#313131', 'dropdown-border': '#3c3c3c', 'dropdown-foreground': '#cccccc', 'dropdown-listBackground': '#1f1f1f',
  'checkbox-background': '#313131', 'checkbox-border': '#3c3c3c', 'list-hoverBackground': '#2a2d2e',
  'list-activeSelectionBackground': '#04395e', 'list-activeSelectionForeground': '#ffffff', 'list-focusOutline': '#0078d4',
  'list-highlightForeground': '#2aaaff', 'progressBar-background': '#0078d4', 'toolbar-hoverBackground': '#5a5d5e50',
  'toolbar-activeBackground': '#63666750', 'inputValidation-errorBackground': '#5a1d1d', 'inputValidation-errorBorder': '#be1100',
  'inputValidation-warningBackground': '#352a05', 'inputValidation-warningBorder': '#b89500', 'editorWarning-foreground': '#cca700',
  'textBlockQuote-background': '#2b2b2b', 'textBlockQuote-border': '#616161', 'textLink-foreground': '#4daafc',
  'sideBar-background': '#181818', 'sideBarSectionHeader-background': '#181818', 'sideBarSectionHeader-border': '#2b2b2b',
  'sideBarTitle-foreground': '#cccccc', 'scrollbarSlider-background': '#79797966',
};

const LIGHT: Record<string, string> = {
  foreground: '#3b3b3b', descriptionForeground: '#3b3b3b', errorForeground: '#f85149', focusBorder: '#005fb8',
  'editor-background': '#ffffff', 'editor-foreground': '#3b3b3b', 'icon-foreground': '#3b3b3b', 'widget-border': '#e5e5e5',
  'panel-border': '#e5e5e5', 'button-background': '#005fb8', 'button-foreground': '#ffffff', 'button-hoverBackground': '#0258a8',
  'button-border': '#0000001a', 'button-secondaryBackground': '#e5e5e5', 'button-secondaryForeground': '#3b3b3b',
  'button-secondaryHoverBackground': '#cccccc', 'badge-background': '#cccccc', 'badge-foreground': '#3b3b3b',
  'charts-green': '#388a34', 'charts-red': '#e51400', 'input-background': '#ffffff', 'input-border': '#cecece',
  'input-foreground': '#3b3b3b', 'input-placeholderForeground': '#767676', 'settings-textInputBackground': '#ffffff',
  'settings-textInputBorder': '#cecece', 'settings-textInputForeground': '#3b3b3b', 'settings-dropdownBackground': '#ffffff',
  'settings-dropdownBorder': '#cecece', 'settings-dropdownForeground': '#3b3b3b', 'settings-dropdownListBorder': '#c8c8c8',
  'settings-checkboxBackground': '#f8f8f8', 'settings-checkboxBorder': '#cecece', 'settings-checkboxForeground': '#3b3b3b',
  'dropdown-background': '#ffffff', 'dropdown-border': '#cecece', 'dropdown-foreground': '#3b3b3b', 'dropdown-listBackground': '#ffffff',
  'checkbox-background': '#f8f8f8', 'checkbox-border': '#cecece', 'list-hoverBackground': '#f2f2f2',
  'list-activeSelectionBackground': '#e8e8e8', 'list-activeSelectionForeground': '#000000', 'list-focusOutline': '#005fb8',
  'list-highlightForeground': '#0066bf', 'progressBar-background': '#005fb8', 'toolbar-hoverBackground': '#b8b8b850',
  'toolbar-activeBackground': '#a6a6a650', 'inputValidation-errorBackground': '#f2dede', 'inputValidation-errorBorder': '#be1100',
  'inputValidation-warningBackground': '#f6f5d2', 'inputValidation-warningBorder': '#b89500', 'editorWarning-foreground': '#bf8803',
  'textBlockQuote-background': '#f8f8f8', 'textBlockQuote-border': '#e5e5e5', 'textLink-foreground': '#005fb8',
  'sideBar-background': '#f8f8f8', 'sideBarSectionHeader-background': '#f8f8f8', 'sideBarSectionHeader-border': '#e5e5e5',
  'sideBarTitle-foreground': '#3b3b3b', 'scrollbarSlider-background': '#64646466',
};

const HIGH_CONTRAST: Record<string, string> = {
  foreground: '#ffffff', descriptionForeground: '#ffffffb3', errorForeground: '#f48771', focusBorder: '#f38518',
  contrastBorder: '#6fc3df', contrastActiveBorder: '#f38518', 'editor-background': '#000000', 'editor-foreground': '#ffffff',
  'icon-foreground': '#ffffff', 'widget-border': '#6fc3df', 'panel-border': '#6fc3df', 'button-foreground': '#ffffff',
  'button-border': '#6fc3df', 'badge-background': '#000000', 'badge-foreground': '#ffffff', 'charts-green': '#89d185',
  'charts-red': '#f14c4c', 'input-background': '#000000', 'input-border': '#6fc3df', 'input-foreground': '#ffffff',
  'input-placeholderForeground': '#ffffffb3', 'settings-textInputBackground': '#000000', 'settings-textInputBorder': '#6fc3df',
  'settings-textInputForeground': '#ffffff', 'settings-dropdownBackground': '#000000', 'settings-dropdownBorder': '#6fc3df',
  'settings-dropdownForeground': '#ffffff', 'settings-dropdownListBorder': '#6fc3df', 'settings-checkboxBackground': '#000000',
  'settings-checkboxBorder': '#6fc3df', 'settings-checkboxForeground': '#ffffff', 'dropdown-background': '#000000',
  'dropdown-border': '#6fc3df', 'dropdown-foreground': '#ffffff', 'dropdown-listBackground': '#000000', 'checkbox-background': '#000000',
  'checkbox-border': '#6fc3df', 'list-focusOutline': '#f38518', 'list-highlightForeground': '#f38518', 'list-activeSelectionBackground': '#000000',
  'progressBar-background': '#6fc3df', 'inputValidation-errorBackground': '#000000', 'inputValidation-errorBorder': '#6fc3df',
  'inputValidation-warningBackground': '#000000', 'inputValidation-warningBorder': '#6fc3df', 'editorWarning-foreground': '#ffd370',
  'textBlockQuote-background': '#000000', 'textBlockQuote-border': '#ffffff', 'textLink-foreground': '#21a6ff',
  'sideBar-background': '#000000', 'sideBarSectionHeader-background': '#000000', 'sideBarSectionHeader-border': '#6fc3df',
  'sideBarTitle-foreground': '#ffffff', 'scrollbarSlider-background': '#6fc3df99',
};

const THEMES: Record<ThemeName, { bodyClass: string[]; kind: string; name: string; colors: Record<string, string> }> = {
  dark: { bodyClass: ['vscode-dark'], kind: 'vscode-dark', name: 'Dark Modern', colors: DARK },
  light: { bodyClass: ['vscode-light'], kind: 'vscode-light', name: 'Light Modern', colors: LIGHT },
  hc: { bodyClass: ['vscode-high-contrast'], kind: 'vscode-high-contrast', name: 'Dark High Contrast', colors: HIGH_CONTRAST },
};

/** Does what VS Code does when a webview loads or the theme changes: body classes and variables on <html>. */
export function applyTheme(name: ThemeName): void {
  const theme = THEMES[name];
  const root = document.documentElement;
  for (const property of [...root.style]) if (property.startsWith('--vscode-')) root.style.removeProperty(property);
  for (const [key, value] of Object.entries({ ...FONT, ...theme.colors })) root.style.setProperty(`--vscode-${key}`, value);
  document.body.classList.remove('vscode-dark', 'vscode-light', 'vscode-high-contrast');
  document.body.classList.add(...theme.bodyClass);
  document.body.dataset.vscodeThemeKind = theme.kind;
  document.body.dataset.vscodeThemeName = theme.name;
}

export const isThemeName = (name: string | null): name is ThemeName => name === 'dark' || name === 'light' || name === 'hc';
