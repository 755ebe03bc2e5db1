import { useId, useState } from 'react';
import {
  PARAMS,
  type NumberSpec,
  type PairSpec,
  type ParamKey,
  type ParamSpec,
} from '../../core/params';
import { useApp } from '../../state/store';

/** Sliders are pointless for huge ranges (seeds): those get a numeric field only. */
const MAX_SLIDER_STEPS = 100_000;

/** A numeric field that keeps what the user typed while it is invalid, and says why. */
function NumberField(props: {
  id: string;
  value: number;
  spec: Pick<NumberSpec, 'min' | 'max' | 'step'> & { integer?: boolean };
  label: string;
  onCommit(v: number): void;
}) {
  const { value, spec } = props;
  // What the user is typing, kept while it differs from the committed value ("0.", "-", "1e").
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [lastValue, setLastValue] = useState(value);
  if (value !== lastValue) {
    // Changed elsewhere (slider, preset, link): drop a draft that no longer matches.
    setLastValue(value);
    if (draft !== null && Number(draft) !== value) {
      setDraft(null);
      setError(null);
    }
  }
  const text = draft ?? String(value);
  const commit = (s: string) => {
    setDraft(s);
    const x = Number(s);
    if (s.trim() === '' || !Number.isFinite(x)) return setError('not a number');
    if (x < spec.min || x > spec.max) return setError(`between ${spec.min} and ${spec.max}`);
    if (spec.integer && !Number.isInteger(x)) return setError('a whole number');
    setError(null);
    props.onCommit(x);
  };
  return (
    <span className="number-field">
      <input
        id={props.id}
        type="number"
        inputMode="decimal"
        value={text}
        min={spec.min}
        max={spec.max}
        step={spec.step}
        aria-label={props.label}
        aria-invalid={error ? true : undefined}
        onChange={(e) => commit(e.target.value)}
        onBlur={() => {
          setDraft(null);
          setError(null);
        }}
      />
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}

function NumberControl({ k, spec }: { k: ParamKey; spec: NumberSpec }) {
  const value = useApp((s) => s.params[k]) as number;
  const setParam = useApp((s) => s.setParam);
  const id = useId();
  const set = (v: number) => setParam(k, v as never);
  const slider = (spec.max - spec.min) / spec.step <= MAX_SLIDER_STEPS;
  return (
    <div className="control" data-key={k}>
      <label htmlFor={id} title={spec.help}>
        {spec.label}
      </label>
      <div className="control-row">
        {slider && (
          <input
            type="range"
            aria-label={spec.label}
            aria-describedby={id + '-help'}
            min={spec.min}
            max={spec.max}
            step={spec.step}
            value={value}
            onChange={(e) => set(Number(e.target.value))}
          />
        )}
        <NumberField id={id} value={value} spec={spec} label={spec.label} onCommit={set} />
      </div>
      <span id={id + '-help'} className="visually-hidden">
        {spec.help}
      </span>
    </div>
  );
}

function PairControl({ k, spec }: { k: ParamKey; spec: PairSpec }) {
  const value = useApp((s) => s.params[k]) as readonly [number, number];
  const setParam = useApp((s) => s.setParam);
  const id = useId();
  const set = (i: 0 | 1, v: number) => {
    const next = [value[0], value[1]] as [number, number];
    next[i] = v;
    setParam(k, next as never);
  };
  return (
    <div className="control" data-key={k}>
      <label htmlFor={id} title={spec.help}>
        {spec.label}
      </label>
      <div className="control-row">
        <NumberField
          id={id}
          value={value[0]}
          spec={spec}
          label={`${spec.label} from`}
          onCommit={(v) => set(0, v)}
        />
        <span aria-hidden="true">→</span>
        <NumberField
          id={id + 'b'}
          value={value[1]}
          spec={spec}
          label={`${spec.label} to`}
          onCommit={(v) => set(1, v)}
        />
      </div>
    </div>
  );
}

function EnumControl({ k, spec }: { k: ParamKey; spec: Extract<ParamSpec, { kind: 'enum' }> }) {
  const value = useApp((s) => s.params[k]) as string;
  const setParam = useApp((s) => s.setParam);
  const id = useId();
  return (
    <div className="control" data-key={k}>
      <label htmlFor={id} title={spec.help}>
        {spec.label}
      </label>
      <select id={id} value={value} onChange={(e) => setParam(k, e.target.value as never)}>
        {spec.options.map((o) => (
          <option key={o} value={o}>
            {spec.optionLabels?.[o] ?? o}
          </option>
        ))}
      </select>
    </div>
  );
}

function BooleanControl({
  k,
  spec,
}: {
  k: ParamKey;
  spec: Extract<ParamSpec, { kind: 'boolean' }>;
}) {
  const value = useApp((s) => s.params[k]) as unknown as boolean;
  const setParam = useApp((s) => s.setParam);
  const id = useId();
  return (
    <div className="control control-check" data-key={k}>
      <input
        id={id}
        type="checkbox"
        checked={value}
        onChange={(e) => setParam(k, e.target.checked as never)}
      />
      <label htmlFor={id} title={spec.help}>
        {spec.label}
      </label>
    </div>
  );
}

/** The control for one entry of the parameter table, chosen by its kind. */
export function ParamControl({ k }: { k: ParamKey }) {
  const spec = PARAMS[k] as ParamSpec;
  switch (spec.kind) {
    case 'number':
      return <NumberControl k={k} spec={spec} />;
    case 'pair':
      return <PairControl k={k} spec={spec} />;
    case 'enum':
      return <EnumControl k={k} spec={spec} />;
    case 'boolean':
      return <BooleanControl k={k} spec={spec} />;
    case 'text':
      return null; // set by the page's own widgets (pins, embed flags), not a free text field
  }
}
