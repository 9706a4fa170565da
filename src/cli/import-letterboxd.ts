// Placeholder: being built in this session (see the issue on import and export).
export function importLetterboxdCommand(_args: string[]): Promise<void> {
  console.error("cinelog import letterboxd is not built yet.");
  process.exitCode = 2;
  return Promise.resolve();
}
