import { useMemo } from 'react';
import type { Params } from '../../core/params';
import { useApp } from '../../state/store';
import { MAX_PINS, PIN_SLOTS, decodePin, encodePin, pinLabel, type PinSlot } from './pins';

export interface Pin {
  slot: PinSlot;
  params: Params;
  label: string;
}

/** The valid pins of the current link, labelled by what differs from the current settings. */
export function usePins(): Pin[] {
  const params = useApp((s) => s.params);
  return useMemo(() => {
    const out: Pin[] = [];
    for (const slot of PIN_SLOTS) {
      const p = decodePin(params[slot]);
      if (p) out.push({ slot, params: p, label: pinLabel(p, params) });
    }
    return out;
  }, [params]);
}

/** "Pin these curves" and the list of pins, each removable; pins live in the link (pin1…pin5). */
export function PinBar() {
  const params = useApp((s) => s.params);
  const setParam = useApp((s) => s.setParam);
  const pins = usePins();
  const current = encodePin(params);
  const free = PIN_SLOTS.find((s) => !params[s]);
  const already = PIN_SLOTS.some((s) => params[s] === current);
  return (
    <section className="pin-bar" aria-label="Compare: pinned curves" data-testid="pin-bar">
      <button
        type="button"
        data-testid="pin-add"
        disabled={!free || already}
        title={already ? 'These curves are already pinned' : undefined}
        onClick={() => free && setParam(free, current)}
      >
        Pin these curves
      </button>
      <span className="muted">
        {pins.length}/{MAX_PINS} pinned
      </span>
      <ul>
        {pins.map((p, i) => (
          <li key={p.slot} data-testid="pin-item">
            <span className={`pin-swatch pin-swatch-${i}`} aria-hidden="true" />
            pin {i + 1}: {p.label}
            <button
              type="button"
              aria-label={`Remove pin ${i + 1} (${p.label})`}
              onClick={() => setParam(p.slot, '')}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      {pins.length > 1 && (
        <button type="button" onClick={() => PIN_SLOTS.forEach((s) => setParam(s, ''))}>
          Clear pins
        </button>
      )}
    </section>
  );
}
