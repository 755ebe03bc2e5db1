import { useApp } from '../state/store';

/** Says which link values were replaced and why. Text only: nothing from a link becomes HTML. */
export function Notices() {
  const notices = useApp((s) => s.notices);
  const dismiss = useApp((s) => s.dismissNotices);
  if (!notices.length) return null;
  return (
    <div className="notices" role="status" aria-live="polite" data-testid="notices">
      <strong>Some values in the link were replaced:</strong>
      <ul>
        {notices.map((n, i) => (
          <li key={i}>
            <code>{n.key}</code>: {n.message}
          </li>
        ))}
      </ul>
      <button type="button" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}
