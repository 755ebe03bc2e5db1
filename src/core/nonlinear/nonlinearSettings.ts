/**
 * Share-link parameters → the settings of each computation of the nonlinear / Meta-SGD view, so the
 * page, the CLI and the tests build them the same way.
 */
import { pickParams, type Params } from '../params';
import { LINEAR_SETTING_KEYS, type LinearSetting } from '../metaSgd/linearTasks';
import { FIG5_PAPER, linspace, type Fig5Setting } from '../fig5/quadraticRegression';

/** Mixed linear regression setting of the learned-αt trajectories (isotropic; theory.md §1). */
export const linearSettingFromParams = (p: Params): LinearSetting =>
  pickParams(p, LINEAR_SETTING_KEYS);

export function fig5SettingFromParams(p: Params): Fig5Setting {
  return {
    ...FIG5_PAPER,
    width: p.f5Width,
    epochs: p.f5Epochs,
    outerLr: p.f5Lr,
    alphas: linspace(p.f5Alphas[0], p.f5Alphas[1], p.f5Count),
    runs: p.f5Runs,
    testTasks: p.f5TestTasks,
    alphaR: p.f5AlphaR,
    firstOrder: p.nlFirstOrder,
    seed: p.nlSeed,
  };
}
