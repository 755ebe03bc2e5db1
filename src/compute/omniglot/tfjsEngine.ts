/**
 * The tfjs engine of Conv4 meta-training (conv4.ts) as a Conv4Trainer (kernelEngine.ts): every
 * method — MAML, ANIL, Meta-SGD's learned rates, several inner steps — on whichever backend tfjs
 * runs (GPUs included), Adam or plain SGD outside.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { OmniglotData } from '../../core/omniglot/format';
import { IMAGE_SIZE } from '../../core/omniglot/preprocess';
import type { OgTrainSetting } from '../../core/omniglot/training';
import { Adam, Sgd } from '../nn/adam';
import { conv4FromArrays, conv4MetaGradients, headIndices, type Conv4Shape } from './conv4';
import { episodeTensors } from './episodes';
import type { Conv4Trainer } from './kernelEngine';
import type { Conv4Method } from './train';

export function tfjsTrainer(
  s: OgTrainSetting,
  method: Conv4Method,
  steps: number,
  init: Float32Array[],
  data: OmniglotData,
): Conv4Trainer {
  const shape: Conv4Shape = { filters: s.filters, way: s.way, imageSize: IMAGE_SIZE };
  let params: tf.Tensor[] = conv4FromArrays(init, shape);
  const np = params.length;
  let rates: tf.Tensor[] = method.learnRates
    ? params.map((p) => tf.fill(p.shape, method.alphaT))
    : [];
  const outer =
    s.optimizer === 'sgd' ? new Sgd(s.outerLr) : new Adam([...params, ...rates], s.outerLr);
  const adapt = method.adapt === 'head' ? headIndices() : undefined;
  const host = (ts: tf.Tensor[]) =>
    Promise.all(ts.map(async (p) => (await p.data()) as Float32Array));
  return {
    name: `tfjs (${tf.getBackend()})`,
    async step(episodes) {
      const batch = episodeTensors(data, episodes);
      const out = tf.tidy(() => {
        const r = conv4MetaGradients(params, batch, method.learnRates ? rates : method.alphaT, {
          steps: method.learnRates ? s.trainSteps : steps,
          firstOrder: s.firstOrder,
          adapt,
          rateGrads: method.learnRates,
        });
        return [r.loss, ...r.grads, ...(r.rateGrads ?? [])];
      });
      tf.dispose([batch.xs, batch.ys, batch.xq, batch.yq, batch.labels]);
      const loss = (await out[0].data())[0];
      out[0].dispose();
      const next = outer.step([...params, ...rates], out.slice(1));
      params = next.slice(0, np);
      rates = next.slice(np);
      return loss;
    },
    async result() {
      return {
        params: await host(params),
        ...(method.learnRates ? { rates: await host(rates) } : {}),
      };
    },
    dispose() {
      tf.dispose([params, rates]);
      outer.dispose();
    },
  };
}
