/** Saves a file from the page: an <a download> click (works for data: and blob: URLs under the CSP). */
export function downloadUrl(url: string, filename: string) {
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
}

export function downloadText(text: string, filename: string, mime: string) {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  downloadUrl(url, filename);
  // The click has started the download; the URL may go once the event loop has moved on.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const GREEK: Record<string, string> = {
  α: 'alpha',
  β: 'beta',
  γ: 'gamma',
  δ: 'delta',
  ε: 'epsilon',
  η: 'eta',
  θ: 'theta',
  κ: 'kappa',
  λ: 'lambda',
  μ: 'mu',
  ν: 'nu',
  ξ: 'xi',
  π: 'pi',
  ρ: 'rho',
  σ: 'sigma',
  Σ: 'sigma',
  τ: 'tau',
  φ: 'phi',
  χ: 'chi',
  ψ: 'psi',
  ω: 'omega',
};
const GREEK_LETTER = new RegExp(`[${Object.keys(GREEK).join('')}]([A-Za-z0-9])?`, 'g');

/**
 * A file-name stem from a title: ASCII letters, digits, `_`, `-` and decimal points only, with
 * Greek letters spelled out (`αt` → `alpha_t`, so "loss vs αt" stays readable) and a minus sign
 * before a number kept as `minus`.
 */
export function fileStem(title: string): string {
  return (
    title
      .replace(GREEK_LETTER, (m, next?: string) => GREEK[m[0]!] + (next ? '_' + next : ''))
      .replace(/(^|[^\de.])[−-](?=\d)/g, '$1 minus ')
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9_.]+/g, '-')
      .replace(/(?<!\d)\.|\.(?!\d)/g, '-') // a dot stays only as a decimal point
      .replace(/-{2,}/g, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase()
      .slice(0, 60)
      .replace(/-+$/, '') || 'plot'
  );
}
