// Placeholder: being built in this session (see the issue on import and export).
export function exportStaticCommand(_args: string[]): Promise<void> {
  console.error("cinelog export static is not built yet.");
  process.exitCode = 2;
  return Promise.resolve();
}
