import { Component, lazy, useState, type ComponentType, type ReactNode } from 'react';

type Loader<P> = () => Promise<{ default: ComponentType<P> }>;

interface BoundaryProps {
  what: string;
  /** Inside another control (a gallery card is a button): a short text, no button of its own. */
  inline: boolean;
  onRetry(): void;
  /** The error message is on screen (committed). */
  onShown(): void;
  children: ReactNode;
}

/**
 * Catches a failed chunk load below it (network lost, chunk blocked) and shows a message with a
 * retry button in its place, so the rest of the page keeps working. While failed it listens for
 * the `online` event and retries by itself. Render errors of a loaded part land here too; "Retry"
 * re-renders it.
 */
class LoadBoundary extends Component<BoundaryProps, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  // Commit phase, so the listener is never left behind by a render React throws away.
  override componentDidCatch() {
    this.props.onShown();
    addEventListener('online', this.retry);
  }

  override componentWillUnmount() {
    removeEventListener('online', this.retry);
  }

  retry = () => {
    removeEventListener('online', this.retry);
    this.props.onRetry();
  };

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    if (this.props.inline)
      return (
        <span className="load-failed" role="alert" data-testid="lazy-failed">
          {this.props.what} could not be loaded; it will be tried again when the network returns.
        </span>
      );
    return (
      <div className="load-failed" role="alert" data-testid="lazy-failed">
        <p>
          {/* Text only: the message is the browser's error, never markup. */}
          {this.props.what} could not be loaded
          {navigator.onLine ? '' : ' (the network is offline)'}. It will be tried again when the
          network returns.
        </p>
        <p className="muted">{error.message}</p>
        <button type="button" data-testid="lazy-retry" onClick={this.retry}>
          Retry
        </button>
      </div>
    );
  }
}

interface Entry<P> {
  Lazy: ComponentType<P>;
  /** Its import failed and a boundary has shown that: the next mount or retry imports afresh. */
  failedAndShown: boolean;
}

/**
 * `React.lazy` with an error boundary and a retry. React.lazy caches its promise, a rejected one
 * included, so a retry makes a fresh lazy component (a fresh `import()`: the browser fetches the
 * chunk again). All instances share the current one; the first retry after a failure replaces it.
 * The nearest <Suspense> above shows the loading state as before.
 */
export function lazyPart<P extends object>(
  what: string,
  load: Loader<P>,
  { inline = false } = {},
): ComponentType<P> {
  const make = (): Entry<P> => ({ Lazy: lazy(load), failedAndShown: false });
  let current = make();
  function Part(props: P) {
    // Only a failure already on screen is retried: a part that suspended on mount is rendered
    // again from scratch when its import settles, and must then meet the same rejected lazy
    // (a fresh import there would suspend again, for ever).
    const fresh = () => {
      if (current.failedAndShown) current = make();
      return current;
    };
    const [{ entry, attempt }, setState] = useState(() => ({ entry: fresh(), attempt: 0 }));
    const retry = () => setState((s) => ({ entry: fresh(), attempt: s.attempt + 1 }));
    const { Lazy } = entry;
    return (
      // A new key remounts the boundary, clearing its error along with the old lazy component.
      <LoadBoundary
        key={attempt}
        what={what}
        inline={inline}
        onRetry={retry}
        onShown={() => (entry.failedAndShown = true)}
      >
        <Lazy {...props} />
      </LoadBoundary>
    );
  }
  Part.displayName = `LazyPart(${what})`;
  return Part;
}
