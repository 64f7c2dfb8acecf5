// placeholder replaced below
export async function netstatMain(_argv: readonly string[], _write: (s: string) => void): Promise<number> {
  return 0;
}
