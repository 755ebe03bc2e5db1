import './nonlinear.css';
import { Fig5Panel } from './Fig5Panel';
import { LearnedRatesPanel } from './LearnedRatesPanel';
import { MetaSgdPanel } from './MetaSgdPanel';
import { ProbePanel } from './ProbePanel';

/** Issue 5: beyond linear models — Fig. 5, learned learning rates (Meta-SGD), feature reuse. */
export function NonlinearView() {
  return (
    <div className="nonlinear-view">
      <LearnedRatesPanel />
      <Fig5Panel />
      <MetaSgdPanel />
      <ProbePanel />
    </div>
  );
}
