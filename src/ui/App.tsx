import { Suspense } from 'react';
import { PARAMS, PARAM_KEYS } from '../core/params';
import { useApp } from '../state/store';
import { ControlsPanel } from './controls/ControlsPanel';
import { useHidden } from './embed/uiFlags';
import { Header } from './Header';
import { Notices } from './Notices';
import { VIEWS } from './views';

export function App() {
  const view = useApp((s) => s.params.view);
  const embed = useApp((s) => s.params.embed);
  const projector = useApp((s) => s.params.projector);
  const hidden = useHidden();
  const entry = VIEWS.find((v) => v.name === view) ?? VIEWS[0]!;
  const View = entry.component;
  // `hide=p,nt` names controls by their link keys.
  const hiddenControls = PARAM_KEYS.filter((k) => hidden.has(PARAMS[k].urlKey));
  const showControls = !hidden.has('controls');
  const classes = [
    'app',
    embed && 'embed',
    projector && 'projector',
    !showControls && 'no-controls',
  ];
  return (
    <div className={classes.filter(Boolean).join(' ')} data-testid="app">
      <Header />
      <Notices />
      <div className="layout">
        {showControls && (
          <aside className="sidebar" aria-label="Controls">
            <ControlsPanel view={entry.name} hidden={hiddenControls} />
          </aside>
        )}
        <main className="content">
          <Suspense fallback={<p role="status">Loading the view…</p>}>
            <View />
          </Suspense>
        </main>
      </div>
    </div>
  );
}
