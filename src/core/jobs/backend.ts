/** Which tfjs backend a job ran on, and why an earlier one in the chain was skipped. */
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export interface BackendInfo {
  name: BackendName;
  isFallbackAdapter?: boolean;
  /** Why a backend before it in the chain was not used; shown in the page. */
  notice?: string;
}
