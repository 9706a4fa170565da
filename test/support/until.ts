// Waits for something that happens asynchronously (a delivery reaching an inbox, a queue
// working a message): asks `check` every 50 ms until it gives a value, and fails after 20 s.
export async function until<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const value = await check();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("gave up waiting");
}
