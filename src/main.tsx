import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { appStore } from './state/store';
import { startUrlSync } from './state/urlSync';
import { startJobSync } from './state/jobSync';
import { jobs } from './state/jobs';
import { App } from './ui/App';
import { VIEWS } from './ui/views';
import './ui/styles.css';

// A link may name a view this build does not have: say so and show the first one.
const view = appStore.getState().params.view;
if (!VIEWS.some((v) => v.name === view)) {
  appStore.setState((s) => ({
    params: { ...s.params, view: VIEWS[0]!.name },
    notices: [
      ...s.notices,
      { key: 'view', message: `view "${view}" is not available; showing ${VIEWS[0]!.name}` },
    ],
  }));
}
startUrlSync(appStore);
// Workers start on their first job (tfjs loads inside the compute worker, never in the page).
startJobSync(appStore, jobs);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
