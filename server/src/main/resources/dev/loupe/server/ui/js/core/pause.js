/**
 * Waits `milliseconds`; rejects with an AbortError as soon as `signal` aborts (so a poll or a retry loop stops at
 * once when the user leaves or cancels).
 */
export function pause(milliseconds, signal) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, milliseconds);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new DOMException('aborted', 'AbortError'));
    }, { once: true });
  });
}
