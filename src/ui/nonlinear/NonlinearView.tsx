import './nonlinear.css';
import { useState } from 'react';
import { appStore } from '../../state/store';
import { ExplainBox } from '../explain/ExplainBox';
import { useHidden } from '../embed/uiFlags';
import { DataExport } from '../export/DataExport';
import { nonlinearExport } from '../export/nonlinearExport';
import { Fig5Panel } from './Fig5Panel';
import { LearnedRatesPanel } from './LearnedRatesPanel';
import { MetaSgdPanel } from './MetaSgdPanel';
import { OmniglotTaskPanel } from './OmniglotTaskPanel';
import {
  OmniglotInnerLoopPanel,
  OmniglotMetaSgdPanel,
  OmniglotRatesPanel,
} from './OmniglotTrainingPanels';
import { ProbePanel } from './ProbePanel';
import { OmniglotProbePanel, OmniglotStabilityPanel } from './OmniglotStabilityProbePanels';
import { registeredRuns, SectionRegistryContext, type SectionRegistry } from './sectionRegistry';

/** Issue 5: beyond linear models — Fig. 5, learned learning rates (Meta-SGD), feature reuse. */
export function NonlinearView() {
  const hidden = useHidden();
  const [registry] = useState<SectionRegistry>(() => new Map());
  return (
    <div className="nonlinear-view">
      {!hidden.has('explain') && (
        <ExplainBox>
          <p>
            The theory view is exact for linear models. This view asks whether its lesson — train
            with a <strong>negative</strong> inner rate αt, adapt with a <strong>positive</strong>{' '}
            αr — survives beyond them. Each panel runs real training in a worker. In the Fig. 5 plot
            the horizontal axis is αt and the vertical the average test loss after adapting to new
            tasks with αr (lower is better); the learned-rate plots show αt as the outer loop
            changes it during training.
          </p>
          <p>
            <strong>Fig. 5</strong> repeats the αt sweep with a ReLU network on a nonlinear task:
            the paper&apos;s best αt is slightly negative. <strong>Learned rates</strong> let the
            outer loop learn αt itself (Meta-SGD): what it learns depends on what it optimizes, and
            only the test loss of the trained model rewards a negative rate. On Mini-ImageNet,
            Meta-SGD&apos;s learned rates were negative on average in every convolutional layer and
            positive only in the output layer.
          </p>
          <p>
            <strong>αt = 0 is “no inner loop”.</strong> ANIL and NIL (Raghu et al. 2020) showed that
            almost no inner loop, or none, works about as well as MAML, because the features are
            reused rather than adapted. The feature-reuse probe measures that: if features adapted
            to a task were essential, embedding a task with a network adapted on another task would
            hurt.
          </p>
          <p>
            <strong>Omniglot</strong>, at the bottom, shows what the few-shot image tasks of the
            meta-learning literature look like: real handwritten characters, 5 classes per task, one
            labelled example each. Below it, Conv4 networks train on them: is the inner loop
            necessary (MAML, ANIL, NIL, αt = 0), does a negative training rate help on real images,
            what rates does Meta-SGD learn, which (α, β) pairs train stably (the two-learning-rates
            paper&apos;s Fig. 4b), and the feature-reuse probe on real images.
          </p>
        </ExplainBox>
      )}
      {!hidden.has('export') && (
        <DataExport
          name="meta-lr-nonlinear"
          note="of the panels that have run (unfinished runs marked), as the CLI writes it"
          getData={() => {
            const { params, notices } = appStore.getState();
            return nonlinearExport(params, notices, registeredRuns(registry));
          }}
        />
      )}
      <SectionRegistryContext.Provider value={registry}>
        <LearnedRatesPanel />
        <Fig5Panel />
        <MetaSgdPanel />
        <ProbePanel />
        <OmniglotTaskPanel />
        <OmniglotInnerLoopPanel />
        <OmniglotRatesPanel />
        <OmniglotMetaSgdPanel />
        <OmniglotStabilityPanel />
        <OmniglotProbePanel />
      </SectionRegistryContext.Provider>
    </div>
  );
}
