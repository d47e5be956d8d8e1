// The pipeline board's browser bundle: dist/board.js and, from the CSS imported here, dist/board.css.
import '../zod-config';
import '../styles/panel.css';
import './board.css';
import '../elements';
import './board-app';
