/**
 * The one place that decides whether output is coloured. In order: `--color` / `--no-color`;
 * FORCE_COLOR (set and not "0" or "false": on; "0" or "false": off), which Node and most CLIs let
 * win over NO_COLOR; NO_COLOR set and non-empty (no-color.org): off; else on only for a terminal.
 */
export function decideColor(flag: unknown, stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (typeof flag === 'boolean') return flag;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR) return false;
  return Boolean(stream.isTTY);
}
