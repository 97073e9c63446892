/**
 * Renderer entry: mounts the app. Styles are imported here (bundled files only: the CSP allows no
 * inline styles or scripts).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import './styles/theme.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/profiles.css';
import './styles/test.css';
import './styles/dpop.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
