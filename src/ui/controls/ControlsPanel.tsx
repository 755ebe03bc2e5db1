import {
  PARAMS,
  PARAM_KEYS,
  type ParamKey,
  type ParamSpec,
  type ViewName,
} from '../../core/params';
import { ParamControl } from './ParamControl';

/** Groups of the parameter table shown for a view, in table order. */
function groupsFor(view: ViewName): [string, ParamKey[]][] {
  const groups = new Map<string, ParamKey[]>();
  for (const k of PARAM_KEYS) {
    const spec = PARAMS[k] as ParamSpec;
    if (!spec.views?.includes(view)) continue;
    const g = spec.group ?? 'Other';
    groups.set(g, [...(groups.get(g) ?? []), k]);
  }
  return [...groups];
}

/** Every control of a view, generated from the parameter table. */
export function ControlsPanel({
  view,
  hidden = [],
}: {
  view: ViewName;
  hidden?: readonly ParamKey[];
}) {
  return (
    <div className="controls" aria-label="Parameters">
      {groupsFor(view)
        .map(([group, keys]) => [group, keys.filter((k) => !hidden.includes(k))] as const)
        .filter(([, keys]) => keys.length > 0)
        .map(([group, keys]) => (
          <fieldset key={group}>
            <legend>{group}</legend>
            {keys.map((k) => (
              <ParamControl key={k} k={k} />
            ))}
          </fieldset>
        ))}
    </div>
  );
}
