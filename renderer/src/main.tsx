import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './app/app.css';
import { applyTheme } from './app/theme';
import { useBurrowStore } from './store';

// Before the first paint, so a light window does not flash dark.
applyTheme(useBurrowStore.getState().theme);

const root = document.getElementById('root');
if (!root) throw new Error('Burrow: #root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
