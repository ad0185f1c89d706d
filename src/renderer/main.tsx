import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.js';
import { bootSession } from './app/session-store.js';
import { useI18nStore } from './i18n/i18n.js';
import './styles/app.css';

document.documentElement.lang = useI18nStore.getState().locale;
const root = createRoot(document.getElementById('root') as HTMLElement);
void bootSession().finally(() =>
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
