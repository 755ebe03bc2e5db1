import { useId, useState } from 'react';
import {
  checkTypedValue,
  PARAMS,
  type NumberSpec,
  type PairSpec,
  type ParamKey,
  type ParamSpec,
} from '../../core/params';
import { useApp } from '../../state/store';

/** Sliders are pointless for huge ranges (seeds): those get a numeric field only. */
const MAX_SLIDER_STEPS = 100_000;

/**
 * A numeric field checked exactly as a link value is (checkTypedValue: the codec's clamping and
 * words). While typing, a value that the check would change is shown with that notice and not yet
 * applied ("0.", "-", "1e" are half-typed numbers); on Enter or leaving the field it is applied as
 * the check says (clamped, rounded, swapped) and the notice stays until the next edit.
 */
function NumberField(props: {
  id: string;
  value: number;
  spec: Pick<NumberSpec, 'min' | 'max' | 'step'>;
  label: string;
  check(raw: string): { value: number; problem?: string };
  /** The checked value, and the text it came from. */
  onCommit(v: number, raw: string): void;
}) {
  const { value, spec } = props;
  const [draft, setDraft] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [lastValue, setLastValue] = useState(value);
  if (value !== lastValue) {
    // Changed elsewhere (slider, preset, link): drop a draft that no longer matches.
    setLastValue(value);
    if (draft !== null && Number(draft) !== value) {
      setDraft(null);
      setNotice(null);
    }
  }
  const text = draft ?? String(value);
  const edit = (s: string) => {
    setDraft(s);
    const c = props.check(s);
    setNotice(c.problem ?? null);
    if (!c.problem) props.onCommit(c.value, s);
  };
  const settle = () => {
    if (draft === null) return;
    const c = props.check(draft);
    const number = Number.isFinite(Number(draft)) && draft.trim() !== '';
    // Not a number at all: keep the current value (a link would fall back to the default).
    if (number) props.onCommit(c.value, draft);
    setNotice(c.problem ? (number ? c.problem : `${c.problem}; kept ${value}`) : null);
    setDraft(null);
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
        aria-invalid={notice && draft !== null ? true : undefined}
        onChange={(e) => edit(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && settle()}
        onBlur={settle}
      />
      {notice && (
        <span className="field-error" role="status">
          {notice}
        </span>
      )}
    </span>
  );
}

/** Positions of a log slider: value = min·(max/min)^(t/LOG_STEPS). */
const LOG_STEPS = 1000;

/** Maps a spec's value to its slider position and back (log for wide positive ranges). */
function sliderScale(spec: NumberSpec) {
  if (!spec.log || !(spec.min > 0)) {
    return {
      min: spec.min,
      max: spec.max,
      step: spec.step,
      toPos: (v: number) => v,
      fromPos: (t: number) => t,
    };
  }
  const span = Math.log(spec.max / spec.min);
  const snap = (v: number) => {
    const x = spec.integer ? Math.round(v) : Number(v.toPrecision(3));
    return Math.min(spec.max, Math.max(spec.min, x));
  };
  return {
    min: 0,
    max: LOG_STEPS,
    step: 1,
    toPos: (v: number) => Math.round((LOG_STEPS * Math.log(v / spec.min)) / span),
    fromPos: (t: number) => snap(spec.min * Math.exp((t / LOG_STEPS) * span)),
  };
}

function NumberControl({ k, spec }: { k: ParamKey; spec: NumberSpec }) {
  const value = useApp((s) => s.params[k]) as number;
  const setParam = useApp((s) => s.setParam);
  const id = useId();
  const set = (v: number) => setParam(k, v as never);
  const slider = (spec.max - spec.min) / spec.step <= MAX_SLIDER_STEPS || spec.log;
  const scale = sliderScale(spec);
  const check = (raw: string) => checkTypedValue(k, raw) as { value: number; problem?: string };
  const onSlide = (t: number) => {
    let v = scale.fromPos(t);
    // An arrow key on a log slider of whole numbers must still move by at least one.
    const at = scale.toPos(value);
    if (v === value && t !== at)
      v = Math.min(spec.max, Math.max(spec.min, value + Math.sign(t - at) * spec.step));
    set(v);
  };
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
            aria-valuetext={String(value)}
            data-scale={spec.log ? 'log' : 'linear'}
            min={scale.min}
            max={scale.max}
            step={scale.step}
            value={scale.toPos(value)}
            onChange={(e) => onSlide(Number(e.target.value))}
          />
        )}
        <NumberField
          id={id}
          value={value}
          spec={spec}
          label={spec.label}
          check={check}
          onCommit={set}
        />
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
  // One end checked as the whole pair would be in a link (range, order), the other end kept;
  // the whole checked pair is applied (a reversed range is swapped, as in a link).
  const checkPairWith = (i: 0 | 1, raw: string) => {
    const ends = [String(value[0]), String(value[1])];
    ends[i] = raw;
    return checkTypedValue(k, ends.join(',')) as { value: [number, number]; problem?: string };
  };
  const checkEnd = (i: 0 | 1, raw: string) => {
    const c = checkPairWith(i, raw);
    return { value: c.value[i], problem: c.problem };
  };
  const set = (i: 0 | 1, raw: string) => setParam(k, checkPairWith(i, raw).value as never);
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
          check={(raw) => checkEnd(0, raw)}
          onCommit={(_v, raw) => set(0, raw)}
        />
        <span aria-hidden="true">→</span>
        <NumberField
          id={id + 'b'}
          value={value[1]}
          spec={spec}
          label={`${spec.label} to`}
          check={(raw) => checkEnd(1, raw)}
          onCommit={(_v, raw) => set(1, raw)}
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
