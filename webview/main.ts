// Webview entry (bundled to dist/webview.js): registers the UI components it uses and starts the app on VS Code's API.
import './elements';
import './styles.css';
import { App } from './app';
import { vscodeHost } from './hostApi';

const root = document.getElementById('app');
if (root) void new App(vscodeHost(), root).start();
