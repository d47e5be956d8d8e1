// The deal panel's browser bundle: dist/webview.js and, from the CSS imported here, dist/webview.css.
import './zod-config';
import './styles/panel.css';
import './styles/fields.css';
import './styles/tasks.css';
import './styles/raw-fields.css';
import './elements';
import './view/deal-panel';
