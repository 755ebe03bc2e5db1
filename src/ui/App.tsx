import { useApp } from '../state/store';
import { ControlsPanel } from './controls/ControlsPanel';
import { Header } from './Header';
import { Notices } from './Notices';
import { VIEWS } from './views';

export function App() {
  const view = useApp((s) => s.params.view);
  const entry = VIEWS.find((v) => v.name === view) ?? VIEWS[0]!;
  const View = entry.component;
  return (
    <div className="app">
      <Header />
      <Notices />
      <div className="layout">
        <aside className="sidebar">
          <ControlsPanel view={entry.name} />
        </aside>
        <main className="content">
          <View />
        </main>
      </div>
    </div>
  );
}
