import type { BackendInfo, BackendName } from '../../core/jobs/backend';
import type { BackendChoice, SimJob } from '../../core/sim/types';
import { selectBackend, type BackendLoaders } from '../backend/selectBackend';
import { cpuSimEngine, type SimEngine } from './simEngine';
import type { SimEngineHost } from './simulate';
import { createTfjsSimEngine } from './tfjsSimEngine';

/**
 * Binds simulations to the backend the job asks for (link key `backend`), starting it on first use
 * and falling back along webgpu → webgl → wasm → cpu when it fails. A backend that failed (device
 * lost) is not tried again in this session; the job continues on the next one with a notice.
 */
export function createBackendEngineHost(loaders: BackendLoaders) {
  const failed = new Set<BackendName>();
  let current: { choice: BackendChoice; info: BackendInfo; engine: SimEngine } | undefined;

  async function select(choice: BackendChoice): Promise<BackendInfo> {
    if (current && current.choice === choice && !current.engine.lostReason?.()) return current.info;
    const info = await selectBackend(choice, loaders, failed);
    const engine =
      info.name === 'cpu'
        ? cpuSimEngine
        : createTfjsSimEngine(info.name, { gpuDraws: !info.isFallbackAdapter });
    current = { choice, info, engine };
    return info;
  }

  const host: SimEngineHost = {
    notice: () => current?.info.notice,
    async engine(job: SimJob) {
      await select(job.backend ?? 'auto');
      return current!.engine;
    },
    async fallback(engine, error) {
      if (engine.name === 'cpu') throw error;
      failed.add(engine.name as BackendName);
      const reason =
        engine.lostReason?.() ?? (error instanceof Error ? error.message : String(error));
      const choice = current?.choice ?? 'auto';
      current = undefined;
      const info = await select(choice);
      const skipped = info.notice ? ` (${info.notice.split(' — ')[0]})` : '';
      const notice = `${engine.name} failed (${reason}) — continuing on ${info.name}${skipped}`;
      current!.info = { ...info, notice };
      return { engine: current!.engine, notice };
    },
  };
  return { host, select, info: () => current?.info };
}
