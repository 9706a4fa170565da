// Placeholder: being built in this session (see the issue on import and export).
export function importJsonCommand(_args: string[]): Promise<void> {
  console.error("cinelog import json is not built yet.");
  process.exitCode = 2;
  return Promise.resolve();
}
