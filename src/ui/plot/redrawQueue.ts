/**
 * Plotly redraws, one figure per task. Several plots updating together (a simulation partial
 * redraws both loss plots) would otherwise run back to back in one long main-thread task; queued,
 * each redraw is its own task and the page stays responsive. Latest figure per element wins.
 */
const pending = new Map<HTMLElement, () => void>();
let scheduled = false;

function runOne() {
  scheduled = false;
  const next = pending.entries().next();
  if (next.done) return;
  const [el, draw] = next.value;
  pending.delete(el);
  draw();
  if (pending.size) schedule();
}

function schedule() {
  if (scheduled) return;
  scheduled = true;
  setTimeout(runOne, 0);
}

export function queueRedraw(el: HTMLElement, draw: () => void): void {
  pending.set(el, draw);
  schedule();
}

export function cancelRedraw(el: HTMLElement): void {
  pending.delete(el);
}
