/**
 * Building blocks of the parameter table. One entry per parameter drives the controls, the share
 * link codec, the CLI's help and validation, so the four can never disagree.
 */

/** Which page view shows a control. */
export type ViewName = 'theory' | 'stability' | 'nonlinear';

interface SpecBase {
  /** Readable key used in share links (`?alphaT=-1`) and in the CLI's JSON. */
  urlKey: string;
  label: string;
  /** One line for tooltips, screen readers and `repro --help`. */
  help: string;
  /** Views whose control panel shows this parameter; undefined = not a visible control. */
  views?: readonly ViewName[];
  /** Control group heading in the panel. */
  group?: string;
}

export interface NumberSpec extends SpecBase {
  kind: 'number';
  default: number;
  min: number;
  max: number;
  step: number;
  integer: boolean;
  /** Slider moves on a log scale (positive ranges only). */
  log?: boolean;
}

export interface EnumSpec<T extends string = string> extends SpecBase {
  kind: 'enum';
  default: T;
  options: readonly T[];
  optionLabels?: Readonly<Record<T, string>>;
}

/** Two numbers written `a,b` in links: the ends of a linearly spaced spectrum, an axis range… */
export interface PairSpec extends SpecBase {
  kind: 'pair';
  default: readonly [number, number];
  min: number;
  max: number;
  step: number;
  /** A range: the first number must be below the second (a reversed one is swapped, with a notice). */
  ordered?: boolean;
}

export interface BooleanSpec extends SpecBase {
  kind: 'boolean';
  default: boolean;
}

/**
 * Short text restricted to a pattern (lists of names, pinned comparisons). Never rendered as HTML:
 * views parse it into validated values first.
 */
export interface TextSpec extends SpecBase {
  kind: 'text';
  default: string;
  /** The whole value must match (anchor it with ^…$). */
  pattern: RegExp;
  maxLength: number;
}

export type ParamSpec = NumberSpec | EnumSpec | PairSpec | BooleanSpec | TextSpec;

type Opt<S> = Omit<S, 'kind' | 'urlKey' | 'integer'> & { urlKey?: string; integer?: boolean };

export const num = (urlKey: string, s: Opt<NumberSpec>): NumberSpec => ({
  kind: 'number',
  integer: false,
  ...s,
  urlKey: s.urlKey ?? urlKey,
});
export const int = (urlKey: string, s: Opt<NumberSpec>): NumberSpec => ({
  ...num(urlKey, s),
  integer: true,
});
export const choice = <T extends string>(
  urlKey: string,
  s: Omit<EnumSpec<T>, 'kind' | 'urlKey'>,
): EnumSpec<T> => ({ kind: 'enum', ...s, urlKey });
export const pair = (urlKey: string, s: Omit<PairSpec, 'kind' | 'urlKey'>): PairSpec => ({
  kind: 'pair',
  ...s,
  urlKey,
});
export const bool = (urlKey: string, s: Omit<BooleanSpec, 'kind' | 'urlKey'>): BooleanSpec => ({
  kind: 'boolean',
  ...s,
  urlKey,
});

export const text = (urlKey: string, s: Omit<TextSpec, 'kind' | 'urlKey'>): TextSpec => ({
  kind: 'text',
  ...s,
  urlKey,
});

/** The value type a spec describes. */
export type ValueOf<S> =
  S extends EnumSpec<infer T>
    ? T
    : S extends NumberSpec
      ? number
      : S extends PairSpec
        ? readonly [number, number]
        : S extends BooleanSpec
          ? boolean
          : S extends TextSpec
            ? string
            : never;
